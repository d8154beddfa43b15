package dev.webhooks.domain.port;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryQuery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.WebhookId;
import java.util.Optional;

/** Reads the delivery history of webhooks, and stores deliveries made outside the queue (resends). */
public interface DeliveryHistory {

    Optional<Delivery> find(String tenantId, WebhookId webhookId, DeliveryId deliveryId);

    Page<Delivery> list(DeliveryQuery query, DeliverySort sort, PageRequest page);

    /** Stores a delivery that has already been attempted, with its final state. */
    void insertAttempted(Delivery delivery);

    /**
     * Deletes up to {@code batchSize} deliveries triggered before {@code cutoff} (pending ones too: a delivery that
     * old has no retries left unless its webhook was disabled), and up to {@code batchSize} events received before it
     * (a store may keep events a little longer than their deliveries); says how many of each went.
     */
    Purged purgeOlderThan(java.time.Instant cutoff, int batchSize);

    /** What one purge batch deleted. */
    record Purged(int deliveries, int events) {
        /** Whether either batch was full, so more may be left to delete. */
        public boolean full(int batchSize) {
            return deliveries >= batchSize || events >= batchSize;
        }
    }
}
