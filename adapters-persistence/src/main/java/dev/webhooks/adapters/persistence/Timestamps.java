package dev.webhooks.adapters.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants stored as DATETIME(6) in UTC. Values are bound as text ({@code 2026-01-01 00:00:00.123456}) rather than
 * through driver time-zone settings: this keeps them identical on MySQL and MariaDB whatever the server's or JVM's
 * zone, and keeps the microseconds that Connector/J drops for MariaDB 10.x (whose version string starts "5.5.5-").
 */
final class Timestamps {
    private Timestamps() {
    }

    private static final DateTimeFormatter COLUMN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    static String toColumn(Instant instant) {
        return COLUMN.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant read(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    static long toMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
