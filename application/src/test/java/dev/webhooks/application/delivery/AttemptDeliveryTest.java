package dev.webhooks.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One attempt: signed with the webhook's current settings and sent once; nothing sent without readable secrets. */
class AttemptDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void sendsTheDeliverySignedWithTheWebhooksCurrentSecret() {
        Webhook webhook = WebhookFixtures.webhook("acme", b -> b.secret = new Secret("0123456789abcdef0123456789abcdef"));
        Delivery delivery = new EventMatcher().fanOut(WebhookFixtures.event("acme", "e1"), List.of(webhook), NOW).get(0);
        AtomicReference<DeliveryRequest> sent = new AtomicReference<>();
        AttemptDelivery attempt = new AttemptDelivery(request -> {
            sent.set(request);
            return DeliveryAttempt.answered(200, Map.of(), "", Optional.empty());
        }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(3));

        AttemptDelivery.Finished finished = attempt.attempt(new DeliveryQueue.Claimed(delivery, Optional.of(webhook)));

        assertThat(sent.get().url()).isEqualTo("https://receiver.example.com/hook");
        assertThat(sent.get().body()).isEqualTo(delivery.body());
        assertThat(sent.get().headers()).containsKeys("Qlik-Signature", "webhook-signature", "webhook-id");
        assertThat(sent.get().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(finished.attempt().statusCode()).isEqualTo(200);
        assertThat(finished.request()).isPresent();
        assertThat(finished.startedAt()).isEqualTo(NOW);
    }

    @Test
    void sendsNothingForAWebhookWhoseSecretsCannotBeRead() {
        Webhook webhook = WebhookFixtures.webhook("acme");
        Delivery delivery = new EventMatcher().fanOut(WebhookFixtures.event("acme", "e1"), List.of(webhook), NOW).get(0);
        AttemptDelivery attempt = new AttemptDelivery(request -> {
            throw new AssertionError("nothing may be sent");
        }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(3));

        AttemptDelivery.Finished finished = attempt.attempt(new DeliveryQueue.Claimed(delivery, Optional.empty()));

        assertThat(finished.request()).isEmpty();
        assertThat(finished.attempt().wasAnswered()).isFalse();
    }
}
