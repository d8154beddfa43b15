package dev.webhooks.adapters.persistence;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a transaction again when the database rolled it back for a conflict another attempt will not meet: InnoDB
 * picked it as a deadlock victim (1213) or its lock wait timed out (1205). Under load, ingest (whose foreign-key
 * checks share-lock webhook rows) and the recording of results meet often enough that a caller must never see it.
 */
final class TransactionRetry {
    /** Deadlocks and lock wait timeouts. */
    static final Predicate<SQLException> CONFLICTS = e -> e instanceof SQLTransactionRollbackException
            || "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    /** Conflicts, and a unique key taken by a transaction that committed after this one looked (1062). */
    static final Predicate<SQLException> CONFLICTS_OR_DUPLICATE_KEYS = CONFLICTS.or(e -> e.getErrorCode() == 1062);

    private static final int ATTEMPTS = 5;

    private TransactionRetry() {
    }

    static <T> T run(Supplier<T> transaction, Predicate<SQLException> retryable) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !causedBy(e, retryable)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    static void run(Runnable transaction, Predicate<SQLException> retryable) {
        run(() -> {
            transaction.run();
            return null;
        }, retryable);
    }

    private static boolean causedBy(Throwable failure, Predicate<SQLException> retryable) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && retryable.test(sql)) {
                return true;
            }
        }
        return false;
    }

    /** A short, random pause that grows with the attempt, so the conflicting transactions do not meet again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
