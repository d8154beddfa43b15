package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its rows across a restart, also when its directory lies under the temp directory. */
@Tag("database-independent") // the same on any database: CI's pass on the external server leaves it out
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

    /** What a {@code kill -9} of the JVM leaves behind: a server nobody manages any more, still locking the files. */
    @Test
    void stopsAServerLeftRunningOnItsDataDirectory() throws Exception {
        Path data = Path.of("target", "embedded-" + UUID.randomUUID(), "data").toAbsolutePath();
        Path base = Path.of("target", "test-mariadb-base").toAbsolutePath();
        EmbeddedMariaDb abandoned = EmbeddedMariaDb.start(data, base);
        execute(abandoned, "CREATE TABLE kept (value INT)", "INSERT INTO kept VALUES (7)");
        ProcessHandle leftover = ProcessHandle.of(Long.parseLong(
                Files.readString(data.resolve(EmbeddedMariaDb.PID_FILE)).trim())).orElseThrow();

        EmbeddedMariaDb restarted = EmbeddedMariaDb.start(data, base);
        try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl(), restarted.user(), restarted.password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT value FROM kept")) {
            assertThat(leftover.isAlive()).isFalse();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        } finally {
            restarted.stop();
            abandoned.stop();
        }
    }

    @Test
    void startsAgainOnTheSamePort() throws Exception {
        Path data = Path.of("target", "embedded-" + UUID.randomUUID(), "data").toAbsolutePath();
        Path base = Path.of("target", "test-mariadb-base").toAbsolutePath();
        EmbeddedMariaDb first = EmbeddedMariaDb.start(data, base);
        first.stop();

        EmbeddedMariaDb second = EmbeddedMariaDb.start(data, base, first.port());
        try {
            assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
            execute(second, "SELECT 1");
        } finally {
            second.stop();
        }
    }

    @Test
    void hasTheBufferPoolAskedFor() throws Exception {
        Path data = Path.of("target", "embedded-" + UUID.randomUUID(), "data").toAbsolutePath();
        Path base = Path.of("target", "test-mariadb-base").toAbsolutePath();
        EmbeddedMariaDb db = EmbeddedMariaDb.startWithBufferPool(data, base, 256L << 20);
        try {
            assertThat(bufferPool(db)).isEqualTo(256L << 20);
        } finally {
            db.stop();
        }
    }

    private static long bufferPool(EmbeddedMariaDb db) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT @@innodb_buffer_pool_size")) {
            rows.next();
            return rows.getLong(1);
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
