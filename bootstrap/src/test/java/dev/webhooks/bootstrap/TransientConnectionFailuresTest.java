package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.codahale.metrics.MetricRegistry;
import dev.webhooks.adapters.persistence.TestDatabase;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The pool's failures to hand out a connection, whatever their type, reach the caller as transient ones. */
class TransientConnectionFailuresTest {
    @Test
    void anExhaustedPoolIsATransientFailureAfterTheWait() throws Exception {
        TestDatabase database = TestDatabase.shared();
        TransientConnectionFailures pool = pool(database.jdbcUrl(), database.user(), database.password());
        try (Connection taken = pool.getConnection()) {
            long start = System.nanoTime();
            SQLTransientConnectionException failure = catchThrowableOfType(SQLTransientConnectionException.class, pool::getConnection);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isBetween(
                    java.time.Duration.ofMillis(150), java.time.Duration.ofSeconds(2));
            assertThat(failure.getCause()).hasMessageContaining("Pool empty");
            assertThat(failure.getSQLState()).isEqualTo("08001");
        } finally {
            pool.stop();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsATransientFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TransientConnectionFailures pool = pool("jdbc:mysql://127.0.0.1:" + closedPort + "/webhooks", "root", "");
        try {
            SQLTransientConnectionException failure = catchThrowableOfType(SQLTransientConnectionException.class, pool::getConnection);
            assertThat(failure.getSQLState()).startsWith("08");
            assertThat(failure.getCause()).isInstanceOf(java.sql.SQLRecoverableException.class);
        } finally {
            pool.stop();
        }
    }

    private static TransientConnectionFailures pool(String url, String user, String password) throws Exception {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("com.mysql.cj.jdbc.Driver");
        factory.setUrl(url);
        factory.setUser(user);
        factory.setPassword(password);
        factory.setInitialSize(0);
        factory.setMinSize(0);
        factory.setMaxSize(1);
        factory.setMaxWaitForConnection(Duration.milliseconds(200));
        TransientConnectionFailures pool = new TransientConnectionFailures(factory.build(new MetricRegistry(), "test"));
        pool.start();
        return pool;
    }
}
