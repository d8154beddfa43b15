package dev.webhooks.application.delivery;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.pending;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.fixtures.InMemoryDeliveryHistory;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading one delivery: it must belong to the named webhook, which the caller must be able to see. */
class GetDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
    private final GetDelivery get = new GetDelivery(new GetWebhook(webhooks), new InMemoryDeliveryHistory(deliveries,
            new InMemoryEventLog(webhooks, deliveries, Clock.fixed(T0, ZoneOffset.UTC))));

    private final Webhook alices = WebhookFixtures.webhook("acme", b -> b.level = Level.USER);
    private final Webhook other = WebhookFixtures.webhook("acme");
    private final Delivery delivery = pending(alices, "e1", T0);
    private final Delivery othersDelivery = pending(other, "e1", T0);

    @BeforeEach
    void store() {
        webhooks.insert(alices, 150);
        webhooks.insert(other, 150);
        deliveries.add(delivery, othersDelivery);
    }

    @Test
    void returnsTheDeliveryOfAWebhookTheCallerMaySee() {
        assertThat(get.get(ALICE, alices.id().toString(), delivery.id().toString())).isEqualTo(delivery);
        assertThat(get.get(ADMIN, alices.id().toString(), delivery.id().toString())).isEqualTo(delivery);
    }

    @Test
    void aDeliveryOfAnotherWebhookOrNoDeliveryAtAllIsNotFound() {
        String webhookId = alices.id().toString();

        assertRefused(() -> get.get(ADMIN, webhookId, othersDelivery.id().toString()), ErrorCode.DELIVERY_NOT_FOUND);
        assertRefused(() -> get.get(ADMIN, webhookId, DeliveryId.random().toString()), ErrorCode.DELIVERY_NOT_FOUND);
        assertThat(assertRefused(() -> get.get(ADMIN, webhookId, "d".repeat(300)), ErrorCode.DELIVERY_NOT_FOUND).detail())
                .as("a long id is quoted short").hasSizeLessThan(150);
    }

    @Test
    void theWebhookMustBeVisibleToTheCaller() {
        assertRefused(() -> get.get(BOB, alices.id().toString(), delivery.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> get.get(OTHER_ADMIN, alices.id().toString(), delivery.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
    }
}
