package dev.webhooks.benchmarks.load;

import com.codahale.metrics.MetricRegistry;
import dev.webhooks.adapters.persistence.EmbeddedMariaDb;
import dev.webhooks.adapters.persistence.SchemaMigration;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import org.jdbi.v3.core.Jdbi;

/** The database of a run: a fresh embedded MariaDB (removed afterwards), or the external one given, migrated. */
final class BenchDatabase implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final EmbeddedMariaDb embedded;
    private final Path directory;

    private BenchDatabase(String url, String user, String password, EmbeddedMariaDb embedded, Path directory) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.directory = directory;
    }

    static BenchDatabase start(LoadOptions options) throws Exception {
        BenchDatabase database;
        if (options.databaseUrl() != null) {
            database = new BenchDatabase(options.databaseUrl(), options.databaseUser(), options.databasePassword(), null, null);
        } else {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            Path directory = Files.createTempDirectory(target, "bench-db-");
            EmbeddedMariaDb embedded = EmbeddedMariaDb.start(directory.resolve("data"), Path.of("target", "bench-mariadb-base").toAbsolutePath());
            database = new BenchDatabase(embedded.jdbcUrl(), embedded.user(), embedded.password(), embedded, directory);
        }
        database.migrate();
        return database;
    }

    /** Liquibase's progress and summary go to its logger (quiet below WARN) instead of the console. */
    private void migrate() throws Exception {
        Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.showSummaryOutput", "LOG"),
                () -> SchemaMigration.migrate(dataSourceFactory(), new MetricRegistry()));
    }

    DataSourceFactory dataSourceFactory() {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("com.mysql.cj.jdbc.Driver");
        factory.setUrl(url);
        factory.setUser(user);
        factory.setPassword(password);
        return factory;
    }

    Jdbi jdbi() {
        return Jdbi.create(url, user, password);
    }

    /** Connections whose batches of inserts or updates are sent as multi-row statements, as the service's are. */
    Jdbi batchingJdbi() {
        return Jdbi.create(url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true", user, password);
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (embedded == null) {
            return;
        }
        embedded.stop();
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
