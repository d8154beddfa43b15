package dev.webhooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Turns across tenants, then across a tenant's webhooks, whatever the order of the due times. */
class FairShareTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static DueWebhook due(String tenant, int secondsAgo) {
        return new DueWebhook(tenant, WebhookId.random(), T0.minusSeconds(secondsAgo));
    }

    /** Room for {@code total} deliveries in all and {@code perWebhook} each. */
    private static FairShare.Capacity capacity(int total, int perWebhook) {
        int[] left = {total};
        Map<WebhookId, Integer> taken = new HashMap<>();
        return webhook -> {
            if (left[0] == 0 || taken.getOrDefault(webhook.webhookId(), 0) == perWebhook) {
                return false;
            }
            left[0]--;
            taken.merge(webhook.webhookId(), 1, Integer::sum);
            return true;
        };
    }

    @Test
    void aTenantWithManyOldWebhooksDoesNotCrowdOutATenantWithOne() {
        List<DueWebhook> candidates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidates.add(due("big", 1000 + i));
        }
        DueWebhook small = due("small", 1);
        candidates.add(small);

        Map<DueWebhook, Integer> shares = new FairShare().share(candidates, capacity(4, 8));

        assertThat(shares).containsEntry(small, 2);
        assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    }

    @Test
    void aTenantsWebhooksTakeTurnsAndEachStopsAtItsRoom() {
        DueWebhook a = due("t", 30);
        DueWebhook b = due("t", 20);
        DueWebhook c = due("t", 10);

        Map<DueWebhook, Integer> shares = new FairShare().share(List.of(a, b, c), capacity(100, 3));

        assertThat(shares).containsEntry(a, 3).containsEntry(b, 3).containsEntry(c, 3);
    }

    @Test
    void whoGoesFirstRotatesWhenThereIsRoomForOneOnly() {
        FairShare fairShare = new FairShare();
        List<DueWebhook> candidates = List.of(due("t1", 3), due("t2", 2), due("t3", 1));
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(fairShare.share(candidates, capacity(1, 1)).keySet().iterator().next().tenantId());
        }
        assertThat(first).containsExactlyInAnyOrder("t1", "t2", "t3");
    }
}
