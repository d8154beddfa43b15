package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

/** A transaction the database rolled back to break a deadlock is run again; other failures are not. */
class DeadlockRetryTest {
    private static final Jdbi JDBI = TestDatabase.shared().jdbi();
    private static final TransactionIsolationLevel LEVEL = TransactionIsolationLevel.READ_COMMITTED;

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void runsARolledBackTransactionAgain() {
        String result = DeadlockRetry.inTransaction(JDBI, LEVEL, handle -> {
            if (attempts.incrementAndGet() < 3) {
                throw deadlock();
            }
            return handle.createQuery("SELECT 'stored'").mapTo(String.class).one();
        });

        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpAfterFiveAttempts() {
        assertThatThrownBy(() -> DeadlockRetry.inTransaction(JDBI, LEVEL, handle -> {
            attempts.incrementAndGet();
            throw deadlock();
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(attempts).hasValue(5);
    }

    @Test
    void otherFailuresAreNotRepeated() {
        assertThatThrownBy(() -> DeadlockRetry.inTransaction(JDBI, LEVEL, handle -> {
            attempts.incrementAndGet();
            throw new UnableToExecuteStatementException(new SQLSyntaxErrorException("bad SQL"), null);
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(attempts).hasValue(1);
    }

    private static RuntimeException deadlock() {
        return new UnableToExecuteStatementException(
                new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction"), null);
    }
}
