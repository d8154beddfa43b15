package dev.webhooks.benchmarks.load;

import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A storage workload run as the storage limits run it: batches of deliveries taken in turn by several connections,
 * each connection working through whole batches on its own.
 */
final class BatchedConnections {
    static final int BATCH = 500;
    static final int CONNECTIONS = 4;
    private static final int MAX_ATTEMPTS = 5;

    /** The work of one batch of {@code size} deliveries; returns how many deliveries it completed. */
    interface Batch {
        int run(Handle handle, int size);
    }

    private final Jdbi jdbi;

    BatchedConnections(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Deliveries completed per second while {@code deliveries} go through {@code batch} on every connection. */
    double deliveriesPerSecond(int deliveries, Batch batch) throws InterruptedException {
        AtomicInteger remaining = new AtomicInteger(deliveries);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
        for (int t = 0; t < CONNECTIONS; t++) {
            workers.execute(() -> jdbi.useHandle(handle -> {
                for (int n = remaining.getAndAdd(-BATCH); n > 0; n = remaining.getAndAdd(-BATCH)) {
                    done.addAndGet(batch.run(handle, Math.min(BATCH, n)));
                }
            }));
        }
        workers.shutdown();
        if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
            throw new IllegalStateException("the storage workload did not finish within an hour");
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * As the service runs its transactions: READ COMMITTED (no gap locks), and again after a deadlock, which inserting
     * and claiming the same queues at once still cause now and then.
     */
    static <T> T inTransaction(Handle handle, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return handle.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
            } catch (UnableToExecuteStatementException e) {
                if (!(e.getCause() instanceof SQLTransactionRollbackException) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
