package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recovery end to end: deliveries that failed for good are sent again, with their original bodies, by one call; the
 * same call repeated at once queues nothing; bad windows are 400s in the envelope.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecoveryFlowTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"));
    static final Duration WAIT = Duration.ofSeconds(15);

    private final String tenant = "recovery-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
        TestApp.forgetTenants("recovery-");
    }

    private void publish(String eventId) {
        String token = new DevTokenIssuer(APP.getConfiguration().getAuth().toJwtSettings())
                .issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(10));
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"s\",\"type\":\"com.qlik.v1.app.created\","
                + "\"tenantid\":\"" + tenant + "\",\"data\":{\"id\":\"" + eventId + "\",\"note\":\"caf\\u00e9 \u2713\"}}";
        try (Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + token).post(Entity.entity(event, "application/cloudevents+json"))) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
    }

    private List<Map<String, Object>> failedDeliveries(String id, int expected) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            List<Map<String, Object>> failed = admin.get("/api/v1/webhooks/" + id + "/deliveries?limit=100").data().stream()
                    .filter(delivery -> "failed".equals(admin.get("/api/v1/webhooks/" + id + "/deliveries/" + delivery.get("id"))
                            .json().get("state")))
                    .toList();
            if (failed.size() == expected) {
                return failed;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deliveries did not fail");
    }

    @Test
    void sendsAgainWhatFailedWithTheOriginalBodiesOncePerRequest() throws Exception {
        String id = (String) admin.post("/api/v1/webhooks", Map.of("name", "recover", "url", RECEIVER.url("/recover"),
                "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true)).json().get("id");
        String since = Instant.now().minusSeconds(60).toString();
        RECEIVER.answer("/recover", 400, 400);
        publish("r1");
        publish("r2");
        List<byte[]> originals = new ArrayList<>();
        originals.add(RECEIVER.next("/recover", WAIT).body());
        originals.add(RECEIVER.next("/recover", WAIT).body());
        failedDeliveries(id, 2);

        ApiClient.Answer recovered = admin.post("/api/v1/webhooks/" + id + "/actions/recover", Map.of("since", since));

        assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);
        assertThat(recovered.json()).isEqualTo(Map.of("queued", 2));
        List<String> resent = List.of(encoded(RECEIVER.next("/recover", WAIT).body()), encoded(RECEIVER.next("/recover", WAIT).body()));
        assertThat(resent).containsExactlyInAnyOrder(encoded(originals.get(0)), encoded(originals.get(1)));

        ApiClient.Answer repeated = admin.post("/api/v1/webhooks/" + id + "/actions/recover", Map.of("since", since));
        assertThat(repeated.status()).isEqualTo(202);
        assertThat(repeated.json()).isEqualTo(Map.of("queued", 2));
        Thread.sleep(500);
        assertThat(RECEIVER.drain("/recover")).as("a repeat within a minute queues nothing").isEmpty();

        ApiClient.Answer clamped = admin.post("/api/v1/webhooks/" + id + "/actions/recover",
                Map.of("since", "2000-01-01T00:00:00Z", "until", Instant.now().toString()));
        assertThat(clamped.status()).as("a since before the retention is clamped").isEqualTo(202);
        assertThat(clamped.json()).isEqualTo(Map.of("queued", 2));
        RECEIVER.next("/recover", WAIT);
        RECEIVER.next("/recover", WAIT);
    }

    @Test
    void badWindowsAreRefusedInTheEnvelopeAndOtherTenantsSeeNothing() {
        String id = (String) admin.post("/api/v1/webhooks", Map.of("name", "bad", "url", RECEIVER.url("/bad"),
                "eventTypes", List.of("com.qlik.v1.app.created"))).json().get("id");
        String path = "/api/v1/webhooks/" + id + "/actions/recover";

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("since", "yesterday"),
                Map.of("since", "2026-01-02T00:00:00Z", "until", "2026-01-01T00:00:00Z"),
                Map.of("since", "2026-01-01T00:00:00Z", "until", "tomorrow"))) {
            ApiClient.Answer answer = admin.post(path, body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.json()).containsKey("traceId");
        }
        ApiClient other = WebhooksApiTest.client(APP, "recovery-other-" + UUID.randomUUID(), "admin", "TenantAdmin");
        assertThat(other.post(path, Map.of("since", "2026-01-01T00:00:00Z")).status()).isEqualTo(404);
    }

    private static String encoded(byte[] body) {
        return Base64.getEncoder().encodeToString(body);
    }
}
