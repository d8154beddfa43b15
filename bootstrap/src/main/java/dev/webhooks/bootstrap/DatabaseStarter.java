package dev.webhooks.bootstrap;

import dev.webhooks.adapters.persistence.EmbeddedMariaDb;
import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the configured database: an external one when a URL is set, otherwise the embedded MariaDB, started
 * once (for the server as for the {@code db} commands) and stopped when the JVM exits.
 */
final class DatabaseStarter {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStarter.class);

    private EmbeddedMariaDb embedded;

    synchronized DataSourceFactory resolve(WebhooksConfiguration configuration) {
        DataSourceFactory factory = configuration.getDatabase();
        if (configuration.usesEmbeddedDatabase() || embedded != null) {
            startEmbedded(Path.of(configuration.getDatabaseSettings().getDataDirectory()),
                    configuration.getDatabaseSettings().getEmbeddedBufferPool().toBytes());
            factory.setUrl(embedded.jdbcUrl());
            factory.setUser(embedded.user());
            factory.setPassword(embedded.password());
        }
        return factory;
    }

    /**
     * Waits until the database accepts a connection, trying {@code attempts} times one second apart, so a service
     * started next to its database does not fail for a slow start; afterwards the start fails with a clear message.
     */
    static void awaitReachable(DataSourceFactory factory, int attempts) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (java.sql.Connection ignored = java.sql.DriverManager.getConnection(factory.getUrl(), factory.getUser(),
                    factory.getPassword())) {
                return;
            } catch (java.sql.SQLException e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException("cannot reach the database at " + withoutQuery(factory.getUrl())
                            + " after " + attempts + " attempts: " + e.getMessage(), e);
                }
                LOG.warn("database not reachable yet (attempt {} of {}): {}", attempt, attempts, e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    synchronized void stop() {
        if (embedded != null) {
            embedded.stop();
            embedded = null;
        }
    }

    private void startEmbedded(Path dataDirectory, long bufferPoolBytes) {
        if (embedded != null) {
            return;
        }
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        LOG.info("No database URL configured: starting the embedded MariaDB with its data under {}", absolute);
        embedded = EmbeddedMariaDb.startWithBufferPool(absolute.resolve("mariadb"), absolute.resolve("mariadb-base"),
                bufferPoolBytes);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "embedded-mariadb-shutdown"));
    }
}
