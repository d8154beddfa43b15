package dev.webhooks.adapters.persistence;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import liquibase.Contexts;

/** Brings the schema up to date with the changelog {@value #CHANGELOG} (the one `db migrate` applies). */
public final class SchemaMigration {
    public static final String CHANGELOG = "migrations.xml";

    private SchemaMigration() {
    }

    public static void migrate(DataSourceFactory factory, MetricRegistry metrics) throws Exception {
        ManagedDataSource dataSource = factory.build(metrics, "migrations");
        try (CloseableLiquibaseWithClassPathMigrationsFile liquibase =
                     new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, CHANGELOG)) {
            liquibase.update(new Contexts());
        }
    }
}
