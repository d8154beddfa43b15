package dev.webhooks.application.webhook;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleting a webhook the caller may see takes its delivery history along; anything else is not found. */
class DeleteWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(repository);
    private final DeleteWebhook delete = new DeleteWebhook(repository);

    private Webhook storedWithADelivery(Webhook webhook) {
        repository.insert(webhook, 150);
        deliveries.add(new EventMatcher().fanOut(WebhookFixtures.event("acme", "e-" + webhook.id()), List.of(webhook), NOW)
                .toArray(Delivery[]::new));
        return webhook;
    }

    @Test
    void deletesTheWebhookAndItsDeliveries() {
        Webhook gone = storedWithADelivery(WebhookFixtures.webhook("acme"));
        Webhook kept = storedWithADelivery(WebhookFixtures.webhook("acme"));

        delete.delete(ADMIN, gone.id().toString());

        assertThat(repository.findById("acme", gone.id())).isEmpty();
        assertThat(deliveries.all()).extracting(Delivery::webhookId).containsExactly(kept.id());
        assertRefused(() -> delete.delete(ADMIN, gone.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
    }

    @Test
    void aUserDeletesOnlyItsOwnUserLevelWebhooks() {
        Webhook alices = storedWithADelivery(WebhookFixtures.webhook("acme", b -> b.level = Level.USER));
        Webhook tenantWide = storedWithADelivery(WebhookFixtures.webhook("acme"));

        assertRefused(() -> delete.delete(BOB, alices.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> delete.delete(ALICE, tenantWide.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        assertThat(repository.all()).hasSize(2);

        delete.delete(ALICE, alices.id().toString());
        assertThat(repository.all()).containsExactly(tenantWide);
    }

    @Test
    void anotherTenantCannotDeleteIt() {
        Webhook webhook = storedWithADelivery(WebhookFixtures.webhook("acme"));

        assertRefused(() -> delete.delete(OTHER_ADMIN, webhook.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> delete.delete(ADMIN, "no-such-id"), ErrorCode.WEBHOOK_NOT_FOUND);

        assertThat(repository.all()).containsExactly(webhook);
        assertThat(deliveries.all()).hasSize(1);
    }
}
