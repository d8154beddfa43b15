package dev.webhooks.adapters.persistence;

import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs a transaction again when the database rolled it back to break a deadlock or a lock wait ("try restarting
 * transaction", as MySQL asks): publishing (which locks webhook rows through the deliveries' foreign key) and
 * recording results (which updates deliveries, then webhooks) can lock the same rows in opposite orders.
 */
final class DeadlockRetry {
    private static final int ATTEMPTS = 5;

    private DeadlockRetry() {
    }

    /** The work must be safe to repeat: everything it did in a rolled back attempt is undone. */
    static <T> T inTransaction(Jdbi jdbi, TransactionIsolationLevel level, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(level, work);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isRolledBack(e)) {
                    throw e;
                }
                pauseBefore(attempt + 1, e);
            }
        }
    }

    static void useTransaction(Jdbi jdbi, TransactionIsolationLevel level, HandleConsumer<RuntimeException> work) {
        inTransaction(jdbi, level, handle -> {
            work.useHandle(handle);
            return null;
        });
    }

    static boolean isRolledBack(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /** A short random pause, longer with each attempt, so the transactions that collided do not collide again. */
    private static void pauseBefore(int attempt, RuntimeException rolledBack) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rolledBack;
        }
    }
}
