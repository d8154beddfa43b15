package dev.webhooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.signature.QlikSignature;
import dev.webhooks.domain.signature.StandardWebhooksSignature;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Matching, request building and what the history keeps: pure rules, no I/O. */
class DeliveryRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    /** A valid webhook of tenant acme, subscribed to com.qlik.v1.app.created, owned by alice. */
    private static Webhook webhook(Consumer<WebhookDefinition.Builder> customize) {
        return WebhookFixtures.webhook("acme", customize);
    }

    private static CloudEvent event(String attributes) {
        return CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":\"com.qlik.v1.app.created\","
                + "\"tenantid\":\"acme\",\"time\":\"2026-01-01T00:00:00Z\"" + attributes + ",\"data\":{\"id\":\"app-1\"}}");
    }

    @Test
    void matchesOnTenantEnabledTypeFilterAndOwner() {
        EventMatcher matcher = new EventMatcher();
        CloudEvent event = event(",\"spaceid\":\"s1\",\"ownerid\":\"alice\"");

        assertThat(matcher.matches(event, webhook(b -> { }))).isTrue();
        assertThat(matcher.matches(event, webhook(b -> b.enabled = false))).isFalse();
        assertThat(matcher.matches(event, webhook(b -> b.eventTypes = List.of("com.qlik.v1.app.deleted")))).isFalse();
        assertThat(matcher.matches(event, webhook(b -> b.filter = Filter.parse("spaceId eq \"s2\"")))).isFalse();
        assertThat(matcher.matches(event, webhook(b -> b.filter = Filter.parse("id eq \"app-1\"")))).isTrue();
        assertThat(matcher.matches(event, webhook(b -> b.level = Level.USER))).isTrue();
        assertThat(matcher.matches(event, webhook(b -> {
            b.level = Level.USER;
            b.ownerId = "bob";
        }))).isFalse();
        assertThat(matcher.matches(event(",\"userid\":\"bob\""), webhook(b -> {
            b.level = Level.USER;
            b.ownerId = "bob";
        }))).isTrue();
        CloudEvent otherTenant = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\","
                + "\"type\":\"com.qlik.v1.app.created\",\"tenantid\":\"globex\"}");
        assertThat(matcher.matches(otherTenant, webhook(b -> { }))).isFalse();
    }

    @Test
    void rendersTheBodyOnceInTheWebhooksEnvelope() {
        CloudEvent event = event("");
        String cloud = new String(Delivery.of(event, webhook(b -> { }), NOW, Optional.empty()).body(), StandardCharsets.UTF_8);
        String legacy = new String(Delivery.of(event, webhook(b -> b.enableCloudEventDelivery = false), NOW, Optional.empty()).body(), StandardCharsets.UTF_8);
        assertThat(cloud).contains("\"specversion\":\"1.0\"");
        assertThat(legacy).contains("\"cloudEventsVersion\":\"0.1\"").contains("\"eventId\":\"e1\"");
    }

    @Test
    void signsRequestsAndOmitsEncryptedValuesFromTheRecord() {
        Webhook webhook = webhook(b -> {
            b.secret = new Secret(SECRET);
            b.headers = new HeaderMap("headers", Map.of("X-Team", "blue"));
            b.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("X-Key", "hidden"));
        });
        Delivery delivery = Delivery.of(event(""), webhook, NOW,
                Optional.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        OutgoingRequest outgoing = OutgoingRequest.of(delivery, webhook, NOW, Duration.ofSeconds(10));

        Map<String, String> sent = outgoing.request().headers();
        assertThat(sent).containsEntry("X-Team", "blue").containsEntry("X-Key", "hidden")
                .containsEntry("webhook-id", delivery.id().toString())
                .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(QlikSignature.verify(delivery.body(), SECRET, sent.get("Qlik-Signature"))).isTrue();
        assertThat(StandardWebhooksSignature.verify(sent.get("webhook-id"), sent.get("webhook-timestamp"), delivery.body(),
                SECRET.getBytes(StandardCharsets.UTF_8), sent.get("webhook-signature"), NOW, Duration.ofMinutes(5))).isTrue();
        assertThat(outgoing.recordedHeaders()).containsEntry("X-Key", "**OMITTED**").containsEntry("X-Team", "blue");
        assertThat(outgoing.request().toString()).doesNotContain("hidden");
        assertThat(OutgoingRequest.of(delivery, webhook(b -> { }), NOW, Duration.ofSeconds(1)).request().headers())
                .doesNotContainKeys("Qlik-Signature", "webhook-signature").containsKey("webhook-id");
    }

    @Test
    void carriesTheTraceContextOfThePublishOrOfTheEvent() {
        String fromEvent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        CloudEvent traced = event(",\"traceparent\":\"" + fromEvent + "\"");
        assertThat(Delivery.of(traced, webhook(b -> { }), NOW, Optional.empty()).traceparent()).contains(fromEvent);
        assertThat(Delivery.of(traced, webhook(b -> { }), NOW, Optional.of("00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"))
                .traceparent()).contains("00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
        assertThat(Delivery.of(event(",\"traceparent\":\"garbage\""), webhook(b -> { }), NOW, Optional.empty()).traceparent()).isEmpty();
    }

    @Test
    void capsWhatTheReceiverControlsToWhatTheHistoryStores() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            headers.put("X-Filler-" + i, "v".repeat(500));
        }
        DeliveryAttempt huge = DeliveryAttempt.answered(200, headers, "b".repeat(10_000), Optional.empty());
        assertThat(huge.responseHeaders()).containsKeys("X-Filler-0", "X-Filler-6").doesNotContainKey("X-Filler-8")
                .allSatisfy((name, value) -> assertThat(value).hasSize(500));
        assertThat(huge.responseHeaders().entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum())
                .isLessThanOrEqualTo(DeliveryAttempt.MAX_HEADER_CHARS);
        assertThat(huge.responseBody()).hasSize(DeliveryAttempt.MAX_BODY_CHARS);
        assertThat(DeliveryAttempt.failed(AttemptFailure.UNRESOLVED_HOST, "host " + "h".repeat(2000) + " could not be resolved")
                .detail()).hasSize(DeliveryAttempt.MAX_DETAIL_CHARS);
    }

    @Test
    void parsesDeliverySorts() {
        assertThat(DeliverySort.parse(null)).isEqualTo(DeliverySort.DEFAULT);
        assertThat(DeliverySort.parse("status").wireName()).isEqualTo("+status");
        assertThat(DeliverySort.parse("-triggeredAt").wireName()).isEqualTo("-triggeredAt");
        assertThatThrownBy(() -> DeliverySort.parse("name")).hasMessageContaining("'sort'");
    }
}
