package dev.webhooks.bootstrap;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import liquibase.Contexts;

/** Brings the schema up to date at start (the same changelog `db migrate` applies). */
final class SchemaMigration {
    private SchemaMigration() {
    }

    static void migrate(DataSourceFactory factory, MetricRegistry metrics) throws Exception {
        ManagedDataSource dataSource = factory.build(metrics, "migrations");
        try (CloseableLiquibaseWithClassPathMigrationsFile liquibase =
                     new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, "migrations.xml")) {
            liquibase.update(new Contexts());
        }
    }
}
