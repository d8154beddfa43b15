package dev.webhooks.engine;

import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.port.DeliveryQueue.ClaimRequest;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhooks this instance believes have due deliveries: found by asking the queue (at most every poll interval,
 * and less often when asking is slow, so looking never costs more than a twentieth of the time), told by ingest on
 * this instance the moment it stores new deliveries, and kept while claims keep finding as many as they asked for.
 * Bounded: at most {@value #MAX_KNOWN} webhooks are known at once; the queue finds the rest later.
 */
final class DueWebhooks {
    static final int MAX_KNOWN = 10_000;
    private static final int COST_FACTOR = 20;

    private final DeliveryQueue queue;
    private final Duration pollInterval;
    private final Map<WebhookId, DueWebhook> known = new LinkedHashMap<>();
    private Instant nextLook = Instant.MIN;

    DueWebhooks(DeliveryQueue queue, Duration pollInterval) {
        this.queue = queue;
        this.pollInterval = pollInterval;
    }

    /** Ingest stored deliveries for these webhooks: they are due now. Called from any thread. */
    synchronized void told(Collection<DueWebhook> due) {
        due.forEach(webhook -> {
            if (known.size() < MAX_KNOWN || known.containsKey(webhook.webhookId())) {
                known.putIfAbsent(webhook.webhookId(), webhook);
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
                found.forEach(webhook -> known.put(webhook.webhookId(), webhook));
                Duration wait = took.multipliedBy(COST_FACTOR);
                nextLook = now.plus(wait.compareTo(pollInterval) > 0 ? wait : pollInterval);
            }
        }
        synchronized (this) {
            List<DueWebhook> candidates = new ArrayList<>(known.values());
            candidates.sort(Comparator.comparing(DueWebhook::oldestDue));
            return candidates;
        }
    }

    /** After a claim: a webhook that gave fewer deliveries than asked has none due left (until told or found again). */
    synchronized void claimed(List<ClaimRequest> requests, List<Claimed> claimed) {
        Map<WebhookId, Integer> got = new HashMap<>();
        claimed.forEach(c -> got.merge(c.delivery().webhookId(), 1, Integer::sum));
        requests.stream().filter(request -> got.getOrDefault(request.webhookId(), 0) < request.max())
                .forEach(request -> known.remove(request.webhookId()));
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
