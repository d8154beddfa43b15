package dev.webhooks.application.delivery;

import dev.webhooks.domain.port.DeliveryHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Deletes delivery history older than the retention period (one week by default), in small batches so that no
 * statement holds locks for long, each followed by a pause as long as it took, so that a big purge takes at most half
 * of the time of the connection it runs on and live deliveries keep their latency (it takes twice as long instead).
 * Events are kept as long, which is also how long republishing stays idempotent.
 */
public final class PurgeDeliveryHistory {
    private final DeliveryHistory history;
    private final Clock clock;
    private final int batchSize;

    public PurgeDeliveryHistory(DeliveryHistory history, Clock clock, int batchSize) {
        this.history = history;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Purges everything older than {@code retention}; returns how many deliveries were deleted. */
    public int purgeOlderThan(Duration retention) {
        int total = 0;
        DeliveryHistory.Purged purged;
        do {
            long started = System.nanoTime();
            purged = history.purgeOlderThan(clock.instant().minus(retention), batchSize);
            total += purged.deliveries();
            if (purged.full(batchSize) && !pauseFor(System.nanoTime() - started)) {
                break;
            }
        } while (purged.full(batchSize));
        return total;
    }

    /** False when interrupted (the service is stopping): the rest is purged next time. */
    private static boolean pauseFor(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
