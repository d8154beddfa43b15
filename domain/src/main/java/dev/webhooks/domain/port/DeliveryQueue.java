package dev.webhooks.domain.port;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable work queue of deliveries, safe for several service instances on one database: a claim leases due
 * deliveries (a lease that runs out makes them due again), and results are recorded without holding any lock
 * across the HTTP call.
 */
public interface DeliveryQueue {

    /** Leases up to {@code max} due deliveries of enabled webhooks until {@code now + lease}, with their webhooks. */
    List<Claimed> claimDue(Instant now, int max, Duration lease);

    /** Hands leased deliveries back unattempted, due again at {@code dueAt} (no attempt is counted). */
    void postpone(List<dev.webhooks.domain.delivery.DeliveryId> deliveryIds, Instant dueAt);

    /** Records the outcome of attempts; a result may also disable its webhook (410 Gone, endless failures). */
    void record(List<Result> results);

    /** How many deliveries are due now (the queue depth). */
    long countDue(Instant now);

    /** When the longest-waiting due delivery became due, if any delivery is waiting. */
    java.util.Optional<Instant> oldestDue();

    /**
     * Makes up to {@code batchSize} failed deliveries matching {@code criteria} due at {@code now} again, with a fresh
     * retry schedule; returns how many.
     */
    int requeueFailed(RequeueCriteria criteria, Instant now, int batchSize);

    /** Which failed deliveries an operator wants sent again: one webhook or a whole tenant, a time window, a type. */
    record RequeueCriteria(java.util.Optional<String> tenantId, java.util.Optional<String> webhookId, Instant since,
                           Instant until, java.util.Optional<String> eventType) {
        public RequeueCriteria {
            if (tenantId.isEmpty() && webhookId.isEmpty()) {
                throw new IllegalArgumentException("name a tenant or a webhook");
            }
            if (!since.isBefore(until)) {
                throw new IllegalArgumentException("'since' must be before 'until'");
            }
        }
    }

    /** A leased delivery and the webhook as it is now (URL, headers and secret of the moment). */
    record Claimed(Delivery delivery, Webhook webhook) {
    }

    /** What became of one attempt. {@code nextAttemptAt} is null once the delivery is final. */
    record Result(DeliveryId deliveryId, String tenantId, String webhookId, RecordedAttempt attempt, DeliveryState state,
                  Instant nextAttemptAt, DisabledReason disableWebhook) {
        public boolean succeeded() {
            return state == DeliveryState.SUCCEEDED;
        }
    }
}
