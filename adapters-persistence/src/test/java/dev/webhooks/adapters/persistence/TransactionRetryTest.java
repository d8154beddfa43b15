package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransactionRetryTest {
    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("statement failed", cause);
    }

    @Test
    void runsADeadlockVictimAgain() {
        AtomicInteger attempts = new AtomicInteger();
        String result = TransactionRetry.run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw wrapped(new SQLTransactionRollbackException("Deadlock found", "40001", 1213));
            }
            return "stored";
        }, TransactionRetry.CONFLICTS);

        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retriesADuplicateKeyOnlyWhenAsked() {
        RuntimeException duplicate = wrapped(new SQLException("Duplicate entry", "23000", 1062));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> TransactionRetry.run(() -> {
            attempts.incrementAndGet();
            throw duplicate;
        }, TransactionRetry.CONFLICTS)).isSameAs(duplicate);
        assertThat(attempts).hasValue(1);

        AtomicInteger again = new AtomicInteger();
        assertThat(TransactionRetry.run(() -> {
            if (again.incrementAndGet() == 1) {
                throw duplicate;
            }
            return true;
        }, TransactionRetry.CONFLICTS_OR_DUPLICATE_KEYS)).isTrue();
    }

    @Test
    void givesUpAfterFiveAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> TransactionRetry.run(() -> {
            attempts.incrementAndGet();
            throw wrapped(new SQLException("Lock wait timeout exceeded", "HY000", 1205));
        }, TransactionRetry.CONFLICTS)).hasRootCauseInstanceOf(SQLException.class);
        assertThat(attempts).hasValue(5);
    }
}
