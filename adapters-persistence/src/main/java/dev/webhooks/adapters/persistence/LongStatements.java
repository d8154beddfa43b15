package dev.webhooks.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * How long a statement whose work grows with the data may wait for the database (counting the due backlog, deleting
 * a webhook with all its deliveries, requeueing failed deliveries): longer than the pool's socket timeout, which is
 * short so that a stalled database fails requests within seconds. Zero, the default, keeps the connection's own.
 */
public final class LongStatements implements JdbiConfig<LongStatements> {
    private Duration timeout = Duration.ZERO;

    public LongStatements() {
    }

    private LongStatements(LongStatements other) {
        this.timeout = other.timeout;
    }

    public LongStatements setTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the long statement timeout must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
        this.timeout = timeout;
        return this;
    }

    @Override
    public LongStatements createCopy() {
        return new LongStatements(this);
    }

    /** Runs {@code callback} on a handle whose connection waits up to the long timeout, then restores the connection's own. */
    static <T> T withHandle(Jdbi jdbi, HandleCallback<T, RuntimeException> callback) {
        return jdbi.withHandle(handle -> {
            Duration timeout = handle.getConfig(LongStatements.class).timeout;
            if (timeout.isZero()) {
                return callback.withHandle(handle);
            }
            Connection connection = handle.getConnection();
            int own = networkTimeout(connection);
            setNetworkTimeout(connection, (int) timeout.toMillis());
            try {
                return callback.withHandle(handle);
            } finally {
                restore(handle, own);
            }
        });
    }

    private static int networkTimeout(Connection connection) {
        try {
            return connection.getNetworkTimeout();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    private static void setNetworkTimeout(Connection connection, int millis) {
        try {
            connection.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    /** A connection the statement broke is closed and never used again, so only a live one needs its timeout back. */
    private static void restore(Handle handle, int millis) {
        try {
            if (!handle.getConnection().isClosed()) {
                handle.getConnection().setNetworkTimeout(Runnable::run, millis);
            }
        } catch (SQLException e) {
            handle.close();
        }
    }
}
