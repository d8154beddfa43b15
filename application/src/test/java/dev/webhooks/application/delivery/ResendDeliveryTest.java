package dev.webhooks.application.delivery;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.attempted;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.pending;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.AutoDisableRules;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.FixedRetrySchedule;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.fixtures.InMemoryDeliveryHistory;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.ScriptedDeliverySender;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.signature.QlikSignature;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resending a delivery: the original body, sent once, now, with the webhook's current URL, headers and secret; the
 * attempt is stored as a new delivery and returned whatever the receiver answered, and changes nothing else.
 */
class ResendDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(3));
    private static final String NEW_SECRET = "fedcba9876543210fedcba9876543210";

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
    private final InMemoryDeliveryHistory history = new InMemoryDeliveryHistory(deliveries,
            new InMemoryEventLog(webhooks, deliveries, Clock.fixed(T0, ZoneOffset.UTC)));
    private final ScriptedDeliverySender receiver = new ScriptedDeliverySender();
    private final DeliveryPolicy policy = new DeliveryPolicy(FixedRetrySchedule.DEFAULT, 0, Duration.ofHours(1),
            new AutoDisableRules(1, Duration.ofDays(5)), () -> 0.5);
    private final ResendDelivery resend = new ResendDelivery(new GetWebhook(webhooks), history, receiver, policy,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(7));

    private final Webhook webhook = WebhookFixtures.webhook("acme", b -> {
        b.level = Level.USER;
        b.secret = new Secret("0123456789abcdef0123456789abcdef");
    });
    private final Delivery original = attempted(pending(webhook, "e1", T0), DeliveryState.SUCCEEDED, 200, T0);

    @BeforeEach
    void store() {
        webhooks.insert(webhook, 150);
        deliveries.add(original);
    }

    private Delivery resend() {
        return resend.resend(ADMIN, webhook.id().toString(), original.id().toString());
    }

    @Test
    void sendsTheOriginalBodyWithTheWebhooksCurrentSettings() {
        WebhookDefinition.Builder moved = webhook.definition().toBuilder();
        moved.url = new WebhookUrl("https://moved.example.com/hook");
        moved.secret = new Secret(NEW_SECRET);
        moved.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("X-Api-Key", "very-secret"));
        webhooks.update(webhook.redefine(moved.build(), "alice", T0.plusSeconds(60)), 150);

        Delivery resent = resend();

        DeliveryRequest sent = receiver.sent().get(0);
        assertThat(receiver.sent()).hasSize(1);
        assertThat(sent.url()).isEqualTo("https://moved.example.com/hook");
        assertThat(sent.body()).isEqualTo(original.body());
        assertThat(QlikSignature.verify(sent.body(), NEW_SECRET, sent.headers().get(QlikSignature.HEADER))).isTrue();
        assertThat(sent.headers()).containsEntry("X-Api-Key", "very-secret").containsEntry("webhook-id", resent.id().toString());
        assertThat(sent.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(resent.lastAttempt().orElseThrow().requestHeaders()).containsEntry("X-Api-Key", RecordedAttempt.OMITTED);
    }

    @Test
    void storesTheAttemptAsANewDeliveryAndLeavesTheOriginalAsItWas() {
        Delivery resent = resend();

        assertThat(resent.id()).isNotEqualTo(original.id());
        assertThat(resent.eventId()).isEqualTo(original.eventId());
        assertThat(resent.webhookId()).isEqualTo(webhook.id());
        assertThat(resent.triggeredAt()).isEqualTo(NOW);
        assertThat(resent.state()).isEqualTo(DeliveryState.SUCCEEDED);
        assertThat(resent.attempts()).isEqualTo(1);
        assertThat(resent.lastAttempt().orElseThrow().at()).isEqualTo(NOW);
        assertThat(resent.lastAttempt().orElseThrow().statusCode()).isEqualTo(200);
        assertThat(history.find("acme", webhook.id(), resent.id())).contains(resent);
        assertThat(history.find("acme", webhook.id(), original.id())).contains(original);
    }

    @Test
    void aFailedResendIsStoredAndReturnedAsFinal() {
        receiver.thenAnswer(503).thenFail(AttemptFailure.TIMEOUT, "no answer within 7s");

        Delivery unavailable = resend();
        Delivery timedOut = resend();

        assertThat(List.of(unavailable, timedOut)).allSatisfy(failed -> {
            assertThat(failed.state()).as("a resend is not retried").isEqualTo(DeliveryState.FAILED);
            assertThat(failed.nextAttemptAt()).isNull();
            assertThat(history.find("acme", webhook.id(), failed.id())).contains(failed);
        });
        assertThat(unavailable.lastAttempt().orElseThrow().statusCode()).isEqualTo(503);
        assertThat(timedOut.lastAttempt().orElseThrow().statusMessage()).isEqualTo("no answer within 7s");
        assertThat(receiver.sent()).hasSize(2);
    }

    @Test
    void whatTheReceiverAnswersChangesNothingAboutTheWebhook() {
        receiver.thenAnswer(410).thenAnswer(400);

        resend();
        resend();

        Webhook after = webhooks.findById("acme", webhook.id()).orElseThrow();
        assertThat(after.enabled()).as("not disabled by 410 Gone, nor by the failure limit of 1").isTrue();
        assertThat(after.disabledReason()).isNull();
        assertThat(deliveries.failureStreaks(List.of(webhook.id()))).as("no failure streak").isEmpty();
    }

    @Test
    void nothingIsSentForADeliveryTheCallerMayNotSee() {
        assertRefused(() -> resend.resend(BOB, webhook.id().toString(), original.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> resend.resend(OTHER_ADMIN, webhook.id().toString(), original.id().toString()),
                ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> resend.resend(ADMIN, webhook.id().toString(), DeliveryId.random().toString()),
                ErrorCode.DELIVERY_NOT_FOUND);

        assertThat(receiver.sent()).isEmpty();
        assertThat(deliveries.all()).containsExactly(original);
    }
}
