package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A statement whose work grows with the data may outlast the pool's short socket timeout; the others may not. */
class LongStatementsTest {
    private final ManagedDataSource pool = onePooledConnection(Duration.ofSeconds(1));
    private final Jdbi jdbi = Jdbi.create(pool);

    @AfterEach
    void closePool() throws Exception {
        pool.stop();
    }

    @Test
    void aLongStatementMayOutlastTheSocketTimeoutAndTheConnectionGetsItsOwnBack() throws Exception {
        jdbi.getConfig(LongStatements.class).setTimeout(Duration.ofSeconds(10));
        long slept = LongStatements.withHandle(jdbi, handle -> handle.createQuery("SELECT SLEEP(1.5)").mapTo(Long.class).one());
        assertThat(slept).isZero();
        assertThat(networkTimeout()).isEqualTo(1000);
    }

    @Test
    void otherStatementsFailAtTheSocketTimeout() {
        jdbi.getConfig(LongStatements.class).setTimeout(Duration.ofSeconds(10));
        assertThatThrownBy(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT SLEEP(1.5)").mapTo(Long.class).one()))
                .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class)
                .hasCauseInstanceOf(SQLRecoverableException.class);
        int one = jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        assertThat(one).isEqualTo(1);
    }

    @Test
    void withoutALongTimeoutTheConnectionKeepsItsOwn() {
        assertThatThrownBy(() -> LongStatements.withHandle(jdbi, handle -> handle.createQuery("SELECT SLEEP(1.5)")
                .mapTo(Long.class).one())).hasCauseInstanceOf(SQLRecoverableException.class);
    }

    @Test
    void aLongStatementIsBoundedToo() throws Exception {
        jdbi.getConfig(LongStatements.class).setTimeout(Duration.ofMillis(1500));
        assertThatThrownBy(() -> LongStatements.withHandle(jdbi, handle -> handle.createQuery("SELECT SLEEP(3)")
                .mapTo(Long.class).one())).hasCauseInstanceOf(SQLRecoverableException.class);
        assertThat(networkTimeout()).isEqualTo(1000);
    }

    private int networkTimeout() throws java.sql.SQLException {
        return jdbi.withHandle(handle -> handle.getConnection().getNetworkTimeout());
    }

    private static ManagedDataSource onePooledConnection(Duration socketTimeout) {
        TestDatabase database = TestDatabase.shared();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("com.mysql.cj.jdbc.Driver");
        factory.setUrl(database.jdbcUrl());
        factory.setUser(database.user());
        factory.setPassword(database.password());
        factory.setMaxSize(1);
        factory.setMinSize(1);
        factory.setInitialSize(1);
        factory.setProperties(Map.of("socketTimeout", String.valueOf(socketTimeout.toMillis())));
        return factory.build(new MetricRegistry(), "long-statements-test");
    }
}
