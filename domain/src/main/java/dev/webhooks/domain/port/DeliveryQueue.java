package dev.webhooks.domain.port;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.FailureStreak;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable work queue of deliveries, one queue per webhook, safe for several service instances on one database: a
 * claim leases due deliveries (a lease that runs out makes them due again), and what an attempt led to is stored
 * without any lock held across the HTTP call. Only enabled webhooks' deliveries are claimed; a disabled webhook's
 * wait for it to be enabled again.
 */
public interface DeliveryQueue {

    /** Up to {@code limit} enabled webhooks that have deliveries due at {@code now}, longest waiting first. */
    List<DueWebhook> dueWebhooks(Instant now, int limit);

    /**
     * Leases, until {@code now + lease}, up to the number asked of each webhook's due deliveries (oldest due first),
     * with their webhooks as they are now; nothing of a webhook that is no longer enabled. Of a rate-limited webhook only
     * as many as its {@link dev.webhooks.domain.delivery.RateBudget} grants, each with its start; the budget is kept
     * here, shared by every instance, so that together they never start more than the limit; the rest stay due. Of an
     * ordered webhook only its head, when due ({@link dev.webhooks.domain.delivery.DeliveryOrder}); the head is kept
     * here too, so that instances take turns.
     */
    List<Claimed> claim(List<ClaimRequest> requests, Instant now, Duration lease);

    /** Hands leased deliveries back unattempted, due again at {@code dueAt} (no attempt is counted). */
    void postpone(List<DeliveryId> deliveryIds, Instant dueAt);

    /** The failure streaks of webhooks, as stored now (a webhook without one has {@link FailureStreak#NONE}, version 0). */
    Map<WebhookId, FailureHistory> failureStreaks(Collection<WebhookId> webhookIds);

    /**
     * Stores, in one transaction, what attempts led to and the new failure streaks of their webhooks.
     *
     * @throws FailureStreakConflict when a streak is no longer at the version it was read at (another instance
     *                               recorded meanwhile); nothing is stored then
     */
    void record(List<AttemptRecord> attempts, List<StreakUpdate> streaks);

    /** How many deliveries are due now (the queue depth). */
    long countDue(Instant now);

    /** When the longest-waiting due delivery became due, if any delivery is waiting. */
    Optional<Instant> oldestDue();

    /**
     * Makes up to {@code batchSize} failed deliveries matching {@code criteria} due at {@code now} again, with a fresh
     * retry schedule; returns how many.
     */
    int requeueFailed(RequeueCriteria criteria, Instant now, int batchSize);

    /** A webhook with due deliveries, and since when the oldest of them has been due. */
    record DueWebhook(String tenantId, WebhookId webhookId, Instant oldestDue) {
        public DueWebhook {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(oldestDue, "oldestDue");
        }
    }

    /** Up to {@code max} due deliveries of one webhook. */
    record ClaimRequest(String tenantId, WebhookId webhookId, int max) {
        public ClaimRequest {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(webhookId, "webhookId");
            if (max < 1) {
                throw new IllegalArgumentException("a claim asks for at least one delivery");
            }
        }
    }

    /**
     * A leased delivery and its webhook as it is now (URL, headers and secret of the moment); no webhook when its
     * secret or encrypted headers cannot be decrypted with the configured keys. A delivery of a rate-limited webhook
     * has the moment its attempt may start ({@link dev.webhooks.domain.delivery.RateBudget}); others start at once.
     */
    record Claimed(Delivery delivery, Optional<Webhook> webhook, Optional<Instant> startAt) {
        public Claimed {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(webhook, "webhook");
            Objects.requireNonNull(startAt, "startAt");
        }

        /** A delivery that may start at once. */
        public Claimed(Delivery delivery, Optional<Webhook> webhook) {
            this(delivery, webhook, Optional.empty());
        }

        /** Whether its webhook takes its deliveries one at a time, in order ({@link dev.webhooks.domain.delivery.DeliveryOrder}). */
        public boolean ordered() {
            return webhook.map(w -> w.definition().orderedDelivery()).orElse(false);
        }
    }

    /** A webhook's failure streak and the version it was stored at. */
    record FailureHistory(FailureStreak streak, long version) {
        public static final FailureHistory NONE = new FailureHistory(FailureStreak.NONE, 0);
    }

    /** A webhook's new failure streak, replacing the one stored at {@code expectedVersion}. */
    record StreakUpdate(WebhookId webhookId, long expectedVersion, FailureStreak streak) {
    }

    /**
     * What one attempt led to: the delivery's new state and next attempt, and the attempt as the history shows it; no
     * attempt when nothing was sent (the delivery goes back, due at {@code nextAttemptAt}, no attempt counted).
     */
    record AttemptRecord(DeliveryId deliveryId, DeliveryState state, Optional<Instant> nextAttemptAt,
                         Optional<RecordedAttempt> attempt) {
        public AttemptRecord {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(state, "state");
            if (nextAttemptAt.isPresent() != (state == DeliveryState.PENDING)) {
                throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
            }
        }
    }

    /** Another instance changed a failure streak between its read and this write. */
    final class FailureStreakConflict extends RuntimeException {
        public FailureStreakConflict(WebhookId webhookId) {
            super("the failure streak of webhook " + webhookId + " changed meanwhile");
        }
    }

    /** Which failed deliveries an operator wants sent again: one webhook or a whole tenant, a time window, a type. */
    record RequeueCriteria(Optional<String> tenantId, Optional<String> webhookId, Instant since, Instant until,
                           Optional<String> eventType) {
        public RequeueCriteria {
            if (tenantId.isEmpty() && webhookId.isEmpty()) {
                throw new IllegalArgumentException("name a tenant or a webhook");
            }
            if (!since.isBefore(until)) {
                throw new IllegalArgumentException("'since' must be before 'until'");
            }
        }
    }
}
