package dev.webhooks.application.ops;

import static dev.webhooks.domain.fixtures.DeliveryFixtures.attempted;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue.RequeueCriteria;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bulk recovery: failed deliveries in the window become due now with a fresh schedule, however many there are. */
class RedeliverFailedTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(webhooks);
    private final RedeliverFailed redeliver = new RedeliverFailed(queue, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Webhook webhook = WebhookFixtures.webhook("acme");

    private Delivery failed(Webhook to, String eventId, Instant at) {
        Delivery delivery = attempted(attempted(pending(to, eventId, at), DeliveryState.PENDING, 503, at), DeliveryState.FAILED, 503, at);
        queue.add(delivery);
        return delivery;
    }

    private static RequeueCriteria ofWebhook(Webhook webhook) {
        return new RequeueCriteria(Optional.empty(), Optional.of(webhook.id().toString()), YESTERDAY.minusSeconds(60), NOW,
                Optional.empty());
    }

    @Test
    void makesTheFailedDeliveriesDueNowWithAFreshSchedule() {
        webhooks.insert(webhook, 150);
        Delivery failed = failed(webhook, "e1", YESTERDAY);
        Delivery succeeded = attempted(pending(webhook, "e2", YESTERDAY), DeliveryState.SUCCEEDED, 200, YESTERDAY);
        queue.add(succeeded);

        assertThat(redeliver.redeliver(ofWebhook(webhook))).isEqualTo(1);

        Delivery again = queue.get(failed.id());
        assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(again.nextAttemptAt()).isEqualTo(NOW);
        assertThat(again.attempts()).as("a fresh retry schedule").isZero();
        assertThat(queue.get(succeeded.id())).isEqualTo(succeeded);
    }

    @Test
    void onlyWhatTheCriteriaName() {
        Webhook other = WebhookFixtures.webhook("acme");
        Webhook elsewhere = WebhookFixtures.webhook("globex");
        webhooks.insert(webhook, 150);
        webhooks.insert(other, 150);
        webhooks.insert(elsewhere, 150);
        failed(webhook, "in-window", YESTERDAY);
        failed(webhook, "too-old", YESTERDAY.minus(Duration.ofDays(2)));
        failed(other, "other-webhook", YESTERDAY);
        failed(elsewhere, "other-tenant", YESTERDAY);

        assertThat(redeliver.redeliver(ofWebhook(webhook))).isEqualTo(1);
        assertThat(redeliver.redeliver(new RequeueCriteria(Optional.of("acme"), Optional.empty(), YESTERDAY.minusSeconds(60), NOW,
                Optional.empty()))).as("the tenant's other webhook").isEqualTo(1);

        assertThat(queue.all()).filteredOn(d -> d.state() == DeliveryState.PENDING).extracting(Delivery::eventId)
                .containsExactlyInAnyOrder("in-window", "other-webhook");
    }

    @Test
    void goesOnBatchAfterBatchUntilNoneIsLeft() {
        webhooks.insert(webhook, 150);
        for (int i = 0; i < 1_201; i++) {
            failed(webhook, "e" + i, YESTERDAY);
        }

        assertThat(redeliver.redeliver(ofWebhook(webhook))).isEqualTo(1_201);

        assertThat(queue.all()).allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING));
    }
}
