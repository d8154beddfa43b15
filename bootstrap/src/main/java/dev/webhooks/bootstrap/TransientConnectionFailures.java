package dev.webhooks.bootstrap;

import io.dropwizard.db.ManagedDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;

/**
 * The pool, reporting every failure to hand out a connection as a {@link SQLTransientConnectionException}: the pool's
 * own failures (no connection free within {@code maxWaitForConnection}, a wait interrupted, a new connection that fails
 * its check) are plain {@link SQLException}s that say nothing about passing, whereas the caller should retry them all.
 */
final class TransientConnectionFailures implements ManagedDataSource {
    /** SQLSTATE 08001: the client could not establish a connection. */
    private static final String CANNOT_CONNECT = "08001";

    private final ManagedDataSource pool;

    TransientConnectionFailures(ManagedDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw transientFailure(e);
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        try {
            return pool.getConnection(user, password);
        } catch (SQLException e) {
            throw transientFailure(e);
        }
    }

    private static SQLException transientFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return e;
        }
        return new SQLTransientConnectionException("no database connection: " + e.getMessage(),
                e.getSQLState() == null ? CANNOT_CONNECT : e.getSQLState(), e.getErrorCode(), e);
    }

    @Override
    public void start() throws Exception {
        pool.start();
    }

    @Override
    public void stop() throws Exception {
        pool.stop();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
