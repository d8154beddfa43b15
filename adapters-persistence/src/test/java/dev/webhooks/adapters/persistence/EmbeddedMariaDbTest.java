package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its rows across a restart, also when its directory lies under the temp directory. */
class EmbeddedMariaDbTest {

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "embedded-" + UUID.randomUUID());
        Path data = root.resolve("data");
        Path base = Path.of("target", "test-mariadb-base").toAbsolutePath();

        EmbeddedMariaDb first = EmbeddedMariaDb.start(data, base);
        execute(first, "CREATE TABLE kept (value INT)", "INSERT INTO kept VALUES (42)");
        first.stop();

        EmbeddedMariaDb second = EmbeddedMariaDb.start(data, base);
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        } finally {
            second.stop();
        }
    }

    private static void execute(EmbeddedMariaDb db, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
