package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import dev.webhooks.domain.signature.QlikSignature;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secret rotation end to end: after a PATCH replaces the secret, deliveries carry a Standard Webhooks signature for each
 * of the two secrets (checked with the reference library), Qlik-Signature uses the new one, the webhook says when the
 * old one stops; removing the secret stops all signing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretRotationFlowTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"),
            ConfigOverride.config("delivery.secretRotationGrace", "2h"));
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String OLD = "old-secret-old-secret-old-secret";
    static final String NEW = "new-secret-new-secret-new-secret";

    private final String tenant = "rotation-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
        TestApp.forgetTenants("rotation-");
    }

    private void publish(String eventId) {
        String token = new DevTokenIssuer(APP.getConfiguration().getAuth().toJwtSettings())
                .issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(10));
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"s\",\"type\":\"com.qlik.v1.app.created\","
                + "\"tenantid\":\"" + tenant + "\",\"data\":{\"id\":\"app-1\"}}";
        try (Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + token).post(Entity.entity(event, "application/cloudevents+json"))) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
    }

    private static void verifiesWith(String secret, Receiver.Hit hit) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(hit.header(name)));
        }
        new com.standardwebhooks.Webhook(secret.getBytes(StandardCharsets.UTF_8))
                .verify(new String(hit.body(), StandardCharsets.UTF_8), headers);
    }

    @Test
    void bothSecretsVerifyDuringTheGracePeriodAndRemovingTheSecretStopsSigning() throws Exception {
        ApiClient.Answer created = admin.post("/api/v1/webhooks", Map.of("name", "rotating", "url", RECEIVER.url("/rotating"),
                "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true, "secret", OLD));
        String id = (String) created.json().get("id");
        assertThat(created.json()).doesNotContainKey("previousSecretExpiresAt");

        Instant before = Instant.now();
        assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(Map.of("op", "replace", "path", "/secret", "value", NEW)))
                .status()).isEqualTo(204);
        ApiClient.Answer rotated = admin.get("/api/v1/webhooks/" + id);
        Instant expires = Instant.parse((String) rotated.json().get("previousSecretExpiresAt"));
        assertThat(expires).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(1), Instant.now().plus(Duration.ofHours(2)));
        assertThat(rotated.body()).doesNotContain(OLD).doesNotContain(NEW);

        publish("rotation-1");
        Receiver.Hit hit = RECEIVER.next("/rotating", WAIT);
        assertThat(hit.header("webhook-signature").split(" ")).hasSize(2);
        verifiesWith(NEW, hit);
        verifiesWith(OLD, hit);
        assertThat(QlikSignature.verify(hit.body(), NEW, hit.header("Qlik-Signature"))).isTrue();
        assertThatThrownBy(() -> verifiesWith("yet-another-secret-yet-another-s", hit)).isNotNull();

        ApiClient.Answer history = awaitHistory(id);
        assertThat(history.body()).doesNotContain(OLD).doesNotContain(NEW);

        assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(Map.of("op", "remove", "path", "/secret"))).status())
                .isEqualTo(204);
        ApiClient.Answer unsigned = admin.get("/api/v1/webhooks/" + id);
        assertThat(unsigned.json()).containsEntry("secretKeyAdded", false).doesNotContainKey("previousSecretExpiresAt");
        publish("rotation-2");
        Receiver.Hit plain = RECEIVER.next("/rotating", WAIT);
        assertThat(plain.header("webhook-signature")).isNull();
        assertThat(plain.header("Qlik-Signature")).isNull();
    }

    @Test
    void aPutWithANewSecretRotatesToo() {
        ApiClient.Answer created = admin.post("/api/v1/webhooks", Map.of("name", "put", "url", RECEIVER.url("/put"),
                "eventTypes", List.of("com.qlik.v1.app.created"), "secret", OLD));
        String id = (String) created.json().get("id");

        ApiClient.Answer replaced = admin.put("/api/v1/webhooks/" + id, Map.of("name", "put", "url", RECEIVER.url("/put"),
                "eventTypes", List.of("com.qlik.v1.app.created"), "secret", NEW));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).containsKey("previousSecretExpiresAt");
        ApiClient.Answer listed = admin.get("/api/v1/webhooks");
        assertThat(listed.data().get(0)).containsKey("previousSecretExpiresAt");
        ApiClient.Answer again = admin.put("/api/v1/webhooks/" + id, Map.of("name", "put", "url", RECEIVER.url("/put"),
                "eventTypes", List.of("com.qlik.v1.app.created")));
        assertThat(again.json()).containsEntry("secretKeyAdded", false).doesNotContainKey("previousSecretExpiresAt");
    }

    private ApiClient.Answer awaitHistory(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ApiClient.Answer deliveries = admin.get("/api/v1/webhooks/" + id + "/deliveries");
            if (!deliveries.data().isEmpty() && "success".equals(deliveries.data().get(0).get("status"))) {
                String deliveryId = (String) deliveries.data().get(0).get("id");
                return admin.get("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no successful delivery in the history");
    }
}
