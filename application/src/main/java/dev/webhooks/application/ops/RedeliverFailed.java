package dev.webhooks.application.ops;

import dev.webhooks.domain.port.DeliveryQueue;
import java.time.Clock;

/** Bulk recovery: makes failed deliveries due again, in bounded batches, for one webhook or a whole tenant. */
public final class RedeliverFailed {
    private static final int BATCH = 500;

    private final DeliveryQueue queue;
    private final Clock clock;

    public RedeliverFailed(DeliveryQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Returns how many deliveries were made due again. */
    public int redeliver(DeliveryQueue.RequeueCriteria criteria) {
        int total = 0;
        int requeued;
        do {
            requeued = queue.requeueFailed(criteria, clock.instant(), BATCH);
            total += requeued;
        } while (requeued == BATCH);
        return total;
    }
}
