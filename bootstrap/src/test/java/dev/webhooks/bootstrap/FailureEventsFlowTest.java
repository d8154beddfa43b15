package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failure events end to end: a webhook the service disables (its receiver answers 410) is announced to another webhook
 * of the tenant subscribed to dev.webhooks.webhook.disabled, and so is switching it on again; the webhook itself never
 * receives its own announcement, and producers cannot publish these types.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FailureEventsFlowTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"));
    static final Duration WAIT = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> STATUS_TYPES = List.of("dev.webhooks.webhook.disabled", "dev.webhooks.webhook.enabled");

    private final String tenant = "failure-events-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
        TestApp.forgetTenants("failure-events-");
    }

    private String webhook(String path, List<String> eventTypes) {
        ApiClient.Answer created = admin.post("/api/v1/webhooks", Map.of("name", path, "url", RECEIVER.url(path),
                "eventTypes", eventTypes, "enabled", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private int publish(String type, String id) {
        String token = new DevTokenIssuer(APP.getConfiguration().getAuth().toJwtSettings())
                .issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(10));
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"s\",\"type\":\"" + type + "\",\"tenantid\":\""
                + tenant + "\",\"data\":{\"id\":\"app-1\"}}";
        try (Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + token).post(Entity.entity(event, "application/cloudevents+json"))) {
            return response.getStatus();
        }
    }

    @Test
    void aDisabledAndReEnabledWebhookIsAnnouncedToTheTenantsOtherWebhooks() throws Exception {
        String gone = webhook("/gone", List.of("com.qlik.v1.app.created", "dev.webhooks.webhook.enabled"));
        webhook("/watch", STATUS_TYPES);
        RECEIVER.answer("/gone", 410);

        assertThat(publish("com.qlik.v1.app.created", "e1")).isEqualTo(202);
        RECEIVER.next("/gone", WAIT);
        JsonNode disabled = JSON.readTree(RECEIVER.next("/watch", WAIT).body());

        assertThat(disabled.path("type").asText()).isEqualTo("dev.webhooks.webhook.disabled");
        assertThat(disabled.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(disabled.at("/data/id").asText()).isEqualTo(gone);
        assertThat(disabled.at("/data/name").asText()).isEqualTo("/gone");
        assertThat(disabled.at("/data/reasonCode").asText()).isEqualTo("GONE");
        assertThat(disabled.at("/data/reason").asText()).contains("410");
        assertThat(admin.get("/api/v1/webhooks/" + gone).json()).containsEntry("disabledReasonCode", "GONE");

        assertThat(admin.patch("/api/v1/webhooks/" + gone, List.of(Map.of("op", "replace", "path", "/enabled", "value", true)))
                .status()).isEqualTo(204);
        JsonNode enabled = JSON.readTree(RECEIVER.next("/watch", WAIT).body());
        assertThat(enabled.path("type").asText()).isEqualTo("dev.webhooks.webhook.enabled");
        assertThat(enabled.at("/data/id").asText()).isEqualTo(gone);
        assertThat(enabled.at("/data/enabledBy").asText()).isEqualTo("admin");
        assertThat(enabled.at("/data/reasonCode").asText()).isEqualTo("GONE");

        Thread.sleep(500);
        assertThat(RECEIVER.drain("/gone")).as("the webhook never receives the event about itself").isEmpty();
        assertThat(RECEIVER.drain("/watch")).as("each change is announced once").isEmpty();
    }

    @Test
    void theTypesAreInTheCatalogAndReservedToTheService() {
        ApiClient.Answer types = admin.get("/api/v1/webhooks/event-types");
        assertThat(types.body()).contains("dev.webhooks.webhook.disabled", "dev.webhooks.webhook.enabled");

        assertThat(publish("dev.webhooks.webhook.disabled", "spoofed")).isEqualTo(400);
    }
}
