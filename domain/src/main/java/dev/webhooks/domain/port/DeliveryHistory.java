package dev.webhooks.domain.port;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryQuery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.delivery.RecoveryWindow;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.Optional;

/** Reads the delivery history of webhooks, and stores deliveries made outside the queue (resends). */
public interface DeliveryHistory {

    Optional<Delivery> find(String tenantId, WebhookId webhookId, DeliveryId deliveryId);

    Page<Delivery> list(DeliveryQuery query, DeliverySort sort, PageRequest page);

    /** Stores a delivery that has already been attempted, with its final state. */
    void insertAttempted(Delivery delivery);

    /**
     * Sends again, as new pending deliveries due at {@code now}, up to {@code max} of the webhook's deliveries that failed
     * for good and were triggered in the window (oldest first), each with its own copy of the original body bytes; returns
     * how many. A request with the same {@code requestKey} within {@link RecoveryWindow#REPEATS_ANSWERED_FOR} of an
     * earlier one queues nothing and returns the earlier answer, also across service instances sharing the store.
     */
    int recoverFailed(String tenantId, WebhookId webhookId, RecoveryWindow window, String requestKey, Instant now, int max);

    /**
     * Deletes up to {@code batchSize} deliveries triggered before {@code cutoff} (pending ones too: a delivery that
     * old has no retries left unless its webhook was disabled), and up to {@code batchSize} events received before it
     * (a store may keep events a little longer than their deliveries); says how many of each went.
     */
    Purged purgeOlderThan(Instant cutoff, int batchSize);

    /** What one purge batch deleted. */
    record Purged(int deliveries, int events) {
        /** Whether either batch was full, so more may be left to delete. */
        public boolean full(int batchSize) {
            return deliveries >= batchSize || events >= batchSize;
        }
    }
}
