package dev.webhooks.application.delivery;

import static dev.webhooks.domain.fixtures.DeliveryFixtures.attempted;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.fixtures.InMemoryDeliveryHistory;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Purging: everything older than the retention period goes, batch after batch until none is left; newer history stays. */
class PurgeDeliveryHistoryTest {
    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Instant OLD = NOW.minus(RETENTION).minusSeconds(1);
    private static final Instant RECENT = NOW.minus(RETENTION).plusSeconds(1);

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
    private final Webhook webhook = WebhookFixtures.webhook("acme");

    private InMemoryEventLog logReceivingAt(Instant at) {
        return new InMemoryEventLog(webhooks, deliveries, Clock.fixed(at, ZoneOffset.UTC));
    }

    private PurgeDeliveryHistory purge(InMemoryEventLog log) {
        return new PurgeDeliveryHistory(new InMemoryDeliveryHistory(deliveries, log), Clock.fixed(NOW, ZoneOffset.UTC), 2);
    }

    @Test
    void deletesEveryOldDeliveryInBatchesWhateverItsState() {
        webhooks.insert(webhook, 150);
        for (int i = 0; i < 4; i++) {
            deliveries.add(attempted(pending(webhook, "old-" + i, OLD), DeliveryState.SUCCEEDED, 200, OLD));
        }
        deliveries.add(pending(webhook, "old-pending", OLD));
        Delivery recent = pending(webhook, "recent", RECENT);
        deliveries.add(recent);

        assertThat(purge(logReceivingAt(NOW)).purgeOlderThan(RETENTION)).isEqualTo(5);

        assertThat(deliveries.all()).containsExactly(recent);
    }

    @Test
    void oldEventsGoToo() {
        webhooks.insert(webhook, 150);
        InMemoryEventLog oldLog = logReceivingAt(OLD);
        oldLog.append(List.of(WebhookFixtures.event("acme", "e1"), WebhookFixtures.event("acme", "e2"),
                WebhookFixtures.event("acme", "e3")), (event, subscribed) -> new EventMatcher().fanOut(event, subscribed, OLD));

        assertThat(purge(oldLog).purgeOlderThan(RETENTION)).isEqualTo(3);

        assertThat(oldLog.received()).isEmpty();
        assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void nothingOldNothingPurged() {
        webhooks.insert(webhook, 150);
        deliveries.add(pending(webhook, "recent", RECENT));

        assertThat(purge(logReceivingAt(NOW)).purgeOlderThan(RETENTION)).isZero();

        assertThat(deliveries.all()).hasSize(1);
    }
}
