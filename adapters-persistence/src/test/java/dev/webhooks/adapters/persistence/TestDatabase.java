package dev.webhooks.adapters.persistence;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The database the tests of this JVM share: the server named by {@code TEST_DATABASE_URL} (plus
 * {@code TEST_DATABASE_USER}, {@code TEST_DATABASE_PASSWORD}), or else one embedded MariaDB under target/.
 * The schema is migrated once. Tests isolate themselves with random tenant ids instead of wiping tables.
 */
public final class TestDatabase {
    private static TestDatabase shared;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Jdbi jdbi;

    private TestDatabase(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        migrate();
        this.jdbi = Jdbi.create(jdbcUrl, user, password).installPlugin(new SqlObjectPlugin());
    }

    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static TestDatabase create() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, envOr("TEST_DATABASE_USER", "root"), envOr("TEST_DATABASE_PASSWORD", ""));
        }
        Path directory = Path.of("target", "test-mariadb-" + UUID.randomUUID()).toAbsolutePath();
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(directory.resolve("data"), Path.of("target", "test-mariadb-base").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            embedded.stop();
            deleteRecursively(directory);
        }));
        return new TestDatabase(embedded.jdbcUrl(), embedded.user(), embedded.password());
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = java.nio.file.Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort: target/ is cleaned by the build anyway
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private void migrate() {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("com.mysql.cj.jdbc.Driver");
        factory.setUrl(jdbcUrl);
        factory.setUser(user);
        factory.setPassword(password);
        try {
            SchemaMigration.migrate(factory, new MetricRegistry());
        } catch (Exception e) {
            throw new IllegalStateException("cannot migrate the test database", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Deletes the webhooks and deliveries of the tenants whose id starts with {@code prefix}, so that nothing due to
     * receivers that are gone lingers in a shared database for later tests.
     */
    public void forgetTenants(String prefix) {
        jdbi().useHandle(handle -> {
            handle.createUpdate("DELETE FROM deliveries WHERE tenant_id LIKE :prefix").bind("prefix", prefix + "%").execute();
            handle.createUpdate("DELETE FROM webhooks WHERE tenant_id LIKE :prefix").bind("prefix", prefix + "%").execute();
        });
    }
}
