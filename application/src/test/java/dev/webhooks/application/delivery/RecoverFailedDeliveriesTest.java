package dev.webhooks.application.delivery;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.attempted;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.pending;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryState;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's recovery: the webhook's failed deliveries of the window sent again as new ones, once per request. */
class RecoverFailedDeliveriesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
    private final InMemoryDeliveryHistory history = new InMemoryDeliveryHistory(deliveries,
            new InMemoryEventLog(webhooks, deliveries, Clock.fixed(NOW, ZoneOffset.UTC)));
    private final RecoverFailedDeliveries recover = new RecoverFailedDeliveries(new GetWebhook(webhooks), history,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));
    private final Webhook webhook = WebhookFixtures.webhook("acme");

    @BeforeEach
    void store() {
        webhooks.insert(webhook, 150);
    }

    private Delivery stored(String eventId, DeliveryState state, Instant at) {
        Delivery delivery = attempted(pending(webhook, eventId, at), state, state == DeliveryState.FAILED ? 500 : 200, at);
        deliveries.add(delivery);
        return delivery;
    }

    private List<Delivery> copies() {
        return deliveries.all().stream().filter(delivery -> delivery.triggeredAt().equals(NOW)).toList();
    }

    @Test
    void sendsAgainTheFailedDeliveriesOfTheWindowAsNewPendingOnes() {
        Delivery failed = stored("e1", DeliveryState.FAILED, NOW.minusSeconds(3600));
        stored("e2", DeliveryState.SUCCEEDED, NOW.minusSeconds(3000));
        stored("e3", DeliveryState.FAILED, NOW.minus(Duration.ofDays(2)));

        int queued = recover.recover(ADMIN, webhook.id().toString(), "2026-12-01T00:00:00Z", null);

        assertThat(queued).isEqualTo(1);
        assertThat(copies()).singleElement().satisfies(copy -> {
            assertThat(copy.id()).isNotEqualTo(failed.id());
            assertThat(copy.eventId()).isEqualTo("e1");
            assertThat(copy.body()).isEqualTo(failed.body());
            assertThat(copy.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(copy.attempts()).isZero();
            assertThat(copy.nextAttemptAt()).isEqualTo(NOW);
        });
        assertThat(deliveries.get(failed.id()).state()).as("the original stays as it was").isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void theSameRequestWithinAMinuteQueuesNothingAndGetsTheSameAnswer() {
        stored("e1", DeliveryState.FAILED, NOW.minusSeconds(3600));
        stored("e2", DeliveryState.FAILED, NOW.minusSeconds(1800));

        assertThat(recover.recover(ADMIN, webhook.id().toString(), "2026-12-01T00:00:00Z", null)).isEqualTo(2);
        assertThat(recover.recover(ADMIN, webhook.id().toString(), "2026-12-01T01:00:00+01:00", null)).isEqualTo(2);

        assertThat(copies()).hasSize(2);
        assertThat(recover.recover(ADMIN, webhook.id().toString(), "2026-12-01T00:00:00Z", "2026-12-01T11:50:00Z"))
                .as("another window is another request").isEqualTo(2);
        assertThat(copies()).hasSize(4);
    }

    @Test
    void sameAccessAsAResendAndBadWindowsAreRefused() {
        assertRefused(() -> recover.recover(OTHER_ADMIN, webhook.id().toString(), "2026-12-01T00:00:00Z", null),
                ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> recover.recover(ADMIN, webhook.id().toString(), null, null), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> recover.recover(ADMIN, webhook.id().toString(), "2026-12-01T10:00:00Z", "2026-12-01T09:00:00Z"),
                ErrorCode.VALIDATION_FAILED);
    }
}
