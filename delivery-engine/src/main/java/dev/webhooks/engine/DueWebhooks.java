package dev.webhooks.engine;

import dev.webhooks.domain.delivery.RateBudget;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.port.DeliveryQueue.ClaimRequest;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks this instance believes have deliveries due, and since when: found by asking the queue (every poll
 * interval, and less often when asking is slow, so that looking costs at most about a twentieth of the time, but never
 * less often than every {@value #MAX_INTERVAL_FACTOR} poll intervals), told by ingest the moment it stores new
 * deliveries and by recording the moment it schedules a retry, and kept while claims keep finding as many as they asked
 * for. Bounded: at most {@value #MAX_KNOWN} webhooks are known at once; the queue finds the rest later.
 */
final class DueWebhooks {
    static final int MAX_KNOWN = 10_000;
    static final int MAX_INTERVAL_FACTOR = 5;
    private static final int COST_FACTOR = 20;
    /** How much the latest look counts in the smoothed cost of looking: one slow look does not stop looking. */
    private static final double SMOOTHING = 0.3;

    private final DeliveryQueue queue;
    private final Duration pollInterval;
    private final Map<WebhookId, DueWebhook> known = new LinkedHashMap<>();
    /** Rate-limited known webhooks and when their next start comes within a claim's reach; not claimed before. */
    private final Map<WebhookId, Instant> notBefore = new HashMap<>();
    private Instant nextLook = Instant.MIN;
    private double lookCostNanos;

    DueWebhooks(DeliveryQueue queue, Duration pollInterval) {
        this.queue = queue;
        this.pollInterval = pollInterval;
    }

    /** These webhooks have deliveries due from the time given (now, or a retry's time). Called from any thread. */
    synchronized void told(Collection<DueWebhook> due) {
        due.forEach(webhook -> {
            if (known.size() < MAX_KNOWN || known.containsKey(webhook.webhookId())) {
                known.merge(webhook.webhookId(), webhook, DueWebhooks::earlier);
            }
        });
    }

    /** The webhooks to share the free capacity among, longest waiting first; asks the queue when it is time to. */
    List<DueWebhook> candidates(Instant now) {
        if (!now.isBefore(nextLookAt())) {
            long started = System.nanoTime();
            List<DueWebhook> found = queue.dueWebhooks(now, MAX_KNOWN);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            synchronized (this) {
                found.forEach(webhook -> known.merge(webhook.webhookId(), webhook, DueWebhooks::earlier));
                nextLook = now.plus(lookInterval(took));
            }
        }
        synchronized (this) {
            return known.values().stream().filter(webhook -> !webhook.oldestDue().isAfter(now))
                    .filter(webhook -> !notBefore.getOrDefault(webhook.webhookId(), Instant.MIN).isAfter(now))
                    .sorted(Comparator.comparing(DueWebhook::oldestDue)).toList();
        }
    }

    private Duration lookInterval(Duration took) {
        lookCostNanos = lookCostNanos == 0 ? took.toNanos() : SMOOTHING * took.toNanos() + (1 - SMOOTHING) * lookCostNanos;
        long nanos = (long) (lookCostNanos * COST_FACTOR);
        long min = pollInterval.toNanos();
        return Duration.ofNanos(Math.max(min, Math.min(nanos, min * MAX_INTERVAL_FACTOR)));
    }

    private static DueWebhook earlier(DueWebhook a, DueWebhook b) {
        return a.oldestDue().isAfter(b.oldestDue()) ? b : a;
    }

    /**
     * After a claim: a webhook that gave fewer deliveries than asked has none due left (until told or found again),
     * unless its rate limit cut the claim short: that one is claimed again when its next start comes within reach, not
     * sooner, even when ingest tells of more (one empty claim then, if none was due after all).
     */
    synchronized void claimed(List<ClaimRequest> requests, List<Claimed> claimed) {
        Map<WebhookId, Integer> got = new HashMap<>();
        Map<WebhookId, Instant> nextClaims = new HashMap<>();
        claimed.forEach(c -> {
            got.merge(c.delivery().webhookId(), 1, Integer::sum);
            nextClaimAt(c).ifPresent(at -> nextClaims.merge(c.delivery().webhookId(), at, DueWebhooks::later));
        });
        requests.forEach(request -> {
            Instant next = nextClaims.get(request.webhookId());
            if (next != null) {
                notBefore.put(request.webhookId(), next);
            } else {
                notBefore.remove(request.webhookId());
                if (got.getOrDefault(request.webhookId(), 0) < request.max()) {
                    known.remove(request.webhookId());
                }
            }
        });
    }

    private static Optional<Instant> nextClaimAt(Claimed claimed) {
        return claimed.startAt().flatMap(start -> claimed.webhook().flatMap(webhook -> webhook.definition().rateLimit())
                .map(rate -> RateBudget.nextClaimAt(start, rate)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Looks again at the next round, for example after a pause. */
    synchronized void lookSoon() {
        nextLook = Instant.MIN;
    }

    synchronized int size() {
        return known.size();
    }

    private synchronized Instant nextLookAt() {
        return nextLook;
    }
}
