package dev.webhooks.engine;

import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares the free sending capacity among the webhooks with due deliveries in turns, not in one global order: one
 * delivery for each tenant in turn, and within a tenant one for each of its webhooks in turn, until nothing more
 * fits. A backlog of one webhook or one tenant therefore never delays another's deliveries. Which tenant goes first
 * rotates from one share to the next. Used by the dispatcher thread only.
 */
final class FairShare {
    /** Takes one more delivery of a webhook if it fits, saying whether it did. */
    @FunctionalInterface
    interface Capacity {
        boolean take(DueWebhook webhook);
    }

    private int rotation;

    /** How many deliveries of each webhook to claim, the webhooks oldest due first. */
    Map<DueWebhook, Integer> share(List<DueWebhook> candidates, Capacity capacity) {
        Map<String, Deque<DueWebhook>> byTenant = new LinkedHashMap<>();
        candidates.forEach(webhook -> byTenant.computeIfAbsent(webhook.tenantId(), tenant -> new ArrayDeque<>()).add(webhook));
        List<Deque<DueWebhook>> turns = new ArrayList<>(byTenant.values());
        if (!turns.isEmpty()) {
            Collections.rotate(turns, -(rotation++ % turns.size()));
        }
        Map<DueWebhook, Integer> shares = new LinkedHashMap<>();
        while (!turns.isEmpty()) {
            turns.removeIf(tenant -> !takeOne(tenant, capacity, shares));
        }
        return shares;
    }

    /** The tenant's next webhook with room takes one delivery; false when none of its webhooks has room left. */
    private static boolean takeOne(Deque<DueWebhook> tenant, Capacity capacity, Map<DueWebhook, Integer> shares) {
        while (!tenant.isEmpty()) {
            DueWebhook next = tenant.poll();
            if (capacity.take(next)) {
                shares.merge(next, 1, Integer::sum);
                tenant.add(next);
                return true;
            }
        }
        return false;
    }
}
