package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import dev.webhooks.domain.signature.QlikSignature;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events in, signed deliveries out: the real application on the real database, a real local HTTP receiver, and the
 * Standard Webhooks reference library checking our signatures.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeliveryFlowTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"),
            ConfigOverride.config("delivery.attemptTimeout", "4s"),
            ConfigOverride.config("delivery.retryDelays", "0s,300ms"),
            ConfigOverride.config("delivery.maxInFlight", "16"),
            ConfigOverride.config("delivery.maxInFlightPerWebhook", "8"));
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
        TestApp.forgetTenants("tenant-", "other-tenant-");
    }

    private String webhook(String path, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", path);
        body.put("url", RECEIVER.url(path));
        body.put("eventTypes", List.of("com.qlik.v1.app.created", "com.qlik.v1.app.reload.finished"));
        body.put("enabled", true);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        ApiClient.Answer answer = admin.post("/api/v1/webhooks", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.json().get("id");
    }

    private String event(String id, String type, String extraAttributes) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"com.qlik/engine\",\"type\":\"" + type
                + "\",\"tenantid\":\"" + tenant + "\",\"time\":\"2026-01-01T00:00:00Z\"" + extraAttributes
                + ",\"data\":{\"id\":\"app-1\",\"name\":\"Sales\"}}";
    }

    private int publish(String token, String mediaType, String body) {
        try (Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + token).header("traceparent", TRACEPARENT)
                .post(Entity.entity(body, mediaType))) {
            return response.getStatus();
        }
    }

    private String publisherToken() {
        return new DevTokenIssuer(APP.getConfiguration().getAuth().toJwtSettings())
                .issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(10));
    }

    @Test
    void deliversSignedCloudEventsWithHeaders() throws Exception {
        String id = webhook("/signed", "secret", SECRET, "headers", Map.of("X-Team", "blue"),
                "encryptedHeaders", Map.of("X-Api-Key", "very-secret-key"));
        String event = event("e-signed", "com.qlik.v1.app.created", "");

        assertThat(publish(publisherToken(), "application/cloudevents+json", event)).isEqualTo(202);
        Receiver.Hit hit = RECEIVER.next("/signed", WAIT);

        assertThat(JSON.readTree(hit.body())).isEqualTo(JSON.readTree(event));
        assertThat(hit.header("Content-Type")).startsWith("application/json");
        assertThat(hit.header("User-Agent")).isNotBlank();
        assertThat(hit.header("X-Team")).isEqualTo("blue");
        assertThat(hit.header("X-Api-Key")).isEqualTo("very-secret-key");
        assertThat(hit.header("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(QlikSignature.verify(hit.body(), SECRET, hit.header("Qlik-Signature"))).isTrue();
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(hit.header(name)));
        }
        new com.standardwebhooks.Webhook(SECRET.getBytes(StandardCharsets.UTF_8))
                .verify(new String(hit.body(), StandardCharsets.UTF_8), headers);

        JsonNode history = awaitDelivery(id, "success");
        assertThat(history.at("/request/headers/X-Api-Key").asText()).isEqualTo("**OMITTED**");
        assertThat(history.at("/request/body/id").asText()).isEqualTo("e-signed");
        assertThat(history.at("/response/statusCode").asInt()).isEqualTo(200);
        assertThat(history.toString()).doesNotContain("very-secret-key");
        assertThat(history.at("/id").asText()).isEqualTo(hit.header("webhook-id"));
    }

    @Test
    void deliversTheLegacyEnvelopeWhenCloudEventsAreOff() throws Exception {
        webhook("/legacy", "enableCloudEventDelivery", false);
        publish(publisherToken(), "application/json", event("e-legacy", "com.qlik.v1.app.created",
                ",\"userid\":\"u1\",\"spaceid\":\"s1\""));

        JsonNode body = JSON.readTree(RECEIVER.next("/legacy", WAIT).body());
        assertThat(body.get("cloudEventsVersion").asText()).isEqualTo("0.1");
        assertThat(body.get("eventId").asText()).isEqualTo("e-legacy");
        assertThat(body.get("eventType").asText()).isEqualTo("com.qlik.v1.app.created");
        assertThat(body.at("/extensions/tenantId").asText()).isEqualTo(tenant);
        assertThat(body.at("/extensions/spaceId").asText()).isEqualTo("s1");
        assertThat(body.at("/data/name").asText()).isEqualTo("Sales");
    }

    @Test
    void filtersAndLevelsDecideWhoReceives() throws Exception {
        webhook("/space-a", "filter", "spaceId eq \"a\"");
        ApiClient alice = WebhooksApiTest.client(APP, tenant, "alice");
        assertThat(alice.post("/api/v1/webhooks", Map.of("name", "alice", "url", RECEIVER.url("/alice"), "level", "user",
                "enabled", true, "eventTypes", List.of("com.qlik.v1.app.created"))).status()).isEqualTo(201);

        publish(publisherToken(), "application/cloudevents-batch+json", "[" + String.join(",",
                event("f1", "com.qlik.v1.app.created", ",\"spaceid\":\"a\",\"ownerid\":\"bob\""),
                event("f2", "com.qlik.v1.app.created", ",\"spaceid\":\"b\",\"userid\":\"alice\"")) + "]");

        assertThat(JSON.readTree(RECEIVER.next("/space-a", WAIT).body()).get("id").asText()).isEqualTo("f1");
        assertThat(JSON.readTree(RECEIVER.next("/alice", WAIT).body()).get("id").asText()).isEqualTo("f2");
        Thread.sleep(500);
        assertThat(RECEIVER.drain("/space-a")).isEmpty();
        assertThat(RECEIVER.drain("/alice")).isEmpty();
    }

    @Test
    void republishingIsIdempotent() throws Exception {
        webhook("/once");
        String event = event("dup", "com.qlik.v1.app.created", "");
        assertThat(publish(publisherToken(), "application/json", event)).isEqualTo(202);
        assertThat(publish(publisherToken(), "application/json", event)).isEqualTo(202);
        RECEIVER.next("/once", WAIT);
        Thread.sleep(700);
        assertThat(RECEIVER.drain("/once")).isEmpty();
    }

    @Test
    void retriesServerErrorsUntilSuccess() throws Exception {
        String id = webhook("/flaky");
        RECEIVER.answer("/flaky", 500, 503);
        publish(publisherToken(), "application/json", event("r1", "com.qlik.v1.app.created", ""));

        RECEIVER.next("/flaky", WAIT);
        RECEIVER.next("/flaky", WAIT);
        RECEIVER.next("/flaky", WAIT);
        JsonNode delivery = awaitDelivery(id, "success");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void goneDisablesTheWebhookAndClientErrorsAreFinal() throws Exception {
        String gone = webhook("/gone");
        String rejecting = webhook("/rejecting");
        RECEIVER.answer("/gone", 410);
        RECEIVER.answer("/rejecting", 400);
        publish(publisherToken(), "application/json", event("g1", "com.qlik.v1.app.created", ""));

        RECEIVER.next("/gone", WAIT);
        RECEIVER.next("/rejecting", WAIT);
        JsonNode final400 = awaitDelivery(rejecting, "fail", "failed");
        assertThat(final400.get("attempts").asInt()).isEqualTo(1);
        awaitDelivery(gone, "fail", "failed");
        Map<String, Object> webhook = admin.get("/api/v1/webhooks/" + gone).json();
        assertThat(webhook).containsEntry("enabled", false).containsEntry("disabledReasonCode", "GONE");
        assertThat((String) webhook.get("disabledReason")).contains("410");
    }

    @Test
    void resendSendsTheSameBodyAgainAndAnswers201() throws Exception {
        String id = webhook("/resend");
        publish(publisherToken(), "application/json", event("rs1", "com.qlik.v1.app.created", ""));
        byte[] original = RECEIVER.next("/resend", WAIT).body();
        String deliveryId = awaitDelivery(id, "success").get("id").asText();

        ApiClient.Answer resent = admin.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/actions/resend", Map.of());

        assertThat(resent.status()).as(resent.body()).isEqualTo(201);
        assertThat(resent.json()).containsEntry("status", "success").doesNotContainEntry("id", deliveryId);
        assertThat(RECEIVER.next("/resend", WAIT).body()).isEqualTo(original);
        assertThat(admin.get("/api/v1/webhooks/" + id + "/deliveries").data()).hasSize(2);
    }

    @Test
    void publishingNeedsTheRightRole() {
        String event = event("p1", "com.qlik.v1.app.created", "");
        ApiClient alice = WebhooksApiTest.client(APP, tenant, "alice");
        assertThat(publish(alice.token(), "application/json", event)).isEqualTo(403);
        assertThat(publish(admin.token(), "application/json", event)).isEqualTo(202);
        ApiClient otherAdmin = WebhooksApiTest.client(APP, "other-" + tenant, "admin", "TenantAdmin");
        assertThat(publish(otherAdmin.token(), "application/json", event)).isEqualTo(403);
        assertThat(publish(publisherToken(), "application/json", "{\"specversion\":\"1.0\"}")).isEqualTo(400);
    }

    private JsonNode awaitDelivery(String webhookId, String status, String... state) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Answer answer = admin.get("/api/v1/webhooks/" + webhookId + "/deliveries");
            JsonNode data = JSON.readTree(answer.body()).get("data");
            for (JsonNode delivery : data) {
                boolean stateMatches = state.length == 0 || delivery.get("state").asText().equals(state[0]);
                if (delivery.get("status").asText().equals(status) && stateMatches) {
                    return JSON.readTree(admin.get("/api/v1/webhooks/" + webhookId + "/deliveries/" + delivery.get("id").asText()).body());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + status + " delivery for webhook " + webhookId);
    }

    @Test
    void aHangingReceiverDoesNotDelayAHealthyOne() throws Exception {
        webhook("/hanging");
        webhook("/healthy-neighbour", "eventTypes", List.of("com.qlik.v1.app.reload.finished"));
        RECEIVER.delay("/hanging", Duration.ofSeconds(6));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            batch.append(i == 0 ? "" : ",").append(event("h" + i, "com.qlik.v1.app.created", ""));
        }
        publish(publisherToken(), "application/cloudevents-batch+json", batch.append("]").toString());
        Thread.sleep(300); // the hanging receiver now holds every slot it may have

        long started = System.nanoTime();
        publish(publisherToken(), "application/json", event("healthy", "com.qlik.v1.app.reload.finished", ""));
        RECEIVER.next("/healthy-neighbour", WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deliveryHistoryPagesFiltersAndStaysInItsTenant() throws Exception {
        String id = webhook("/history");
        RECEIVER.answer("/history", 400, 400);
        for (int i = 0; i < 5; i++) {
            publish(publisherToken(), "application/json", event("hist" + i, i < 3 ? "com.qlik.v1.app.created"
                    : "com.qlik.v1.app.reload.finished", ""));
        }
        for (int i = 0; i < 5; i++) {
            RECEIVER.next("/history", WAIT);
        }
        Thread.sleep(500);
        String base = "/api/v1/webhooks/" + id + "/deliveries";

        ApiClient.Answer first = admin.get(base + "?limit=2");
        assertThat(first.data()).hasSize(2);
        ApiClient.Answer second = admin.getAbsolute(first.link("next"));
        ApiClient.Answer third = admin.getAbsolute(second.link("next"));
        assertThat(third.data()).hasSize(1);
        assertThat(third.link("next")).isNull();
        assertThat(admin.get(base + "?eventType=com.qlik.v1.app.reload.finished").data()).hasSize(2);
        assertThat(admin.get(base + "?status=fail").data()).hasSize(2);
        assertThat(admin.get(base + "?status=success&sort=-status").data()).hasSize(3);
        assertThat(admin.get(base + "?sort=bogus").status()).isEqualTo(400);
        assertThat(admin.get(base + "?status=maybe").status()).isEqualTo(400);

        String deliveryId = (String) first.data().get(0).get("id");
        ApiClient otherTenant = WebhooksApiTest.client(APP, "other-" + tenant, "admin", "TenantAdmin");
        assertThat(otherTenant.get(base).status()).isEqualTo(404);
        assertThat(otherTenant.get(base + "/" + deliveryId).status()).isEqualTo(404);
        assertThat(otherTenant.post(base + "/" + deliveryId + "/actions/resend", Map.of()).status()).isEqualTo(404);
        assertThat(admin.get(base + "/not-a-delivery").errorCode()).isEqualTo("DELIVERY_NOT_FOUND");
    }
}
