package dev.webhooks.application.delivery;

import dev.webhooks.application.time.Pause;
import dev.webhooks.domain.port.DeliveryHistory;
import java.time.Clock;
import java.time.Duration;

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
            if (purged.full(batchSize) && !Pause.sleep(Duration.ofNanos(System.nanoTime() - started))) {
                break;
            }
        } while (purged.full(batchSize));
        return total;
    }
}
