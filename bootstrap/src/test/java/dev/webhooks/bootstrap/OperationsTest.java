package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The admin port: tasks that steer delivery and webhooks, and the health checks. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperationsTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"),
            ConfigOverride.config("delivery.retryDelays", "0s"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(15);

    private final String tenant = "ops-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
        TestApp.forgetTenants("ops-");
    }

    private JsonNode task(String nameAndQuery, String body) throws Exception {
        return task(nameAndQuery, body, 200);
    }

    private JsonNode failingTask(String nameAndQuery) throws Exception {
        return task(nameAndQuery, null, 400);
    }

    private JsonNode task(String nameAndQuery, String body, int status) throws Exception {
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/tasks/" + nameAndQuery)
                .request().post(Entity.text(body == null ? "" : body))) {
            String text = response.readEntity(String.class);
            assertThat(response.getStatus()).as(text).isEqualTo(status);
            return JSON.readTree(text);
        }
    }

    private String webhook(String path) {
        ApiClient.Answer answer = admin.post("/api/v1/webhooks", Map.of("name", path, "url", RECEIVER.url(path),
                "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.json().get("id");
    }

    private String event(String id) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"ops\",\"type\":\"com.qlik.v1.app.created\","
                + "\"tenantid\":\"" + tenant + "\"}";
    }

    @Test
    void publishEventTaskDeliversAndPauseHoldsDeliveriesBack() throws Exception {
        webhook("/ops-paused");
        assertThat(task("pause-delivery", null).get("paused").asBoolean()).isTrue();
        assertThat(task("publish-event", event("o1")).get("duplicate").asBoolean()).isFalse();
        Thread.sleep(600);
        assertThat(RECEIVER.drain("/ops-paused")).isEmpty();

        assertThat(task("resume-delivery", null).get("paused").asBoolean()).isFalse();
        RECEIVER.next("/ops-paused", WAIT);
        assertThat(task("publish-event", event("o1")).get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void operatorsDisableAndEnableWebhooks() throws Exception {
        String id = webhook("/ops-switch");
        JsonNode disabled = task("disable-webhook?webhookId=" + id + "&reason=maintenance%20window", null);
        assertThat(disabled.get("disabledReasonCode").asText()).isEqualTo("DISABLED_BY_OPERATOR");
        assertThat(admin.get("/api/v1/webhooks/" + id).json()).containsEntry("enabled", false)
                .containsEntry("disabledReason", "maintenance window").containsEntry("disabledReasonCode", "DISABLED_BY_OPERATOR");

        task("enable-webhook?webhookId=" + id, null);
        assertThat(admin.get("/api/v1/webhooks/" + id).json()).containsEntry("enabled", true).doesNotContainKey("disabledReasonCode");
        assertThat(failingTask("enable-webhook?webhookId=" + UUID.randomUUID()).get("error").asText()).contains("no webhook");
    }

    @Test
    void redeliverMakesFailedDeliveriesDueAgain() throws Exception {
        String id = webhook("/ops-redeliver");
        RECEIVER.answer("/ops-redeliver", 400);
        task("publish-event", event("o2"));
        RECEIVER.next("/ops-redeliver", WAIT);
        Thread.sleep(500);

        JsonNode answer = task("redeliver?webhookId=" + id, null);
        assertThat(answer.get("redelivered").asInt()).isEqualTo(1);
        RECEIVER.next("/ops-redeliver", WAIT);
        assertThat(failingTask("redeliver").get("error").asText()).contains("tenant or a webhook");
        assertThat(failingTask("redeliver?tenantId=x&since=yesterday").get("error").asText()).contains("'since'");
    }

    @Test
    void rotationReportsWhatItDid() throws Exception {
        JsonNode answer = task("rotate-encryption-key", null);
        assertThat(answer.get("keyId").asText()).isEqualTo("dev");
        assertThat(answer.has("reencrypted")).isTrue();
        assertThat(answer.has("unreadable")).isTrue();
    }

    @Test
    void purgeRunsOnDemandAndValidatesItsAge() throws Exception {
        assertThat(task("purge-deliveries?olderThan=30d", null).has("deleted")).isTrue();
        assertThat(failingTask("purge-deliveries?olderThan=soon").get("error").asText()).contains("olderThan");
    }

    @Test
    void healthChecksReportDatabaseBacklogAndDispatcher() throws Exception {
        Thread.sleep(300);
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck").request().get()) {
            JsonNode health = JSON.readTree(response.readEntity(String.class));
            assertThat(health.get("database").get("healthy").asBoolean()).isTrue();
            assertThat(health.get("delivery-dispatcher").get("healthy").asBoolean()).isTrue();
            assertThat(health.has("delivery-backlog")).isTrue();
        }
    }

    @Test
    void metricsAreExposedInPrometheusFormat() throws Exception {
        webhook("/ops-metrics");
        task("publish-event", event("m1"));
        RECEIVER.next("/ops-metrics", WAIT);
        Thread.sleep(300);
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/prometheus").request().get()) {
            String text = response.readEntity(String.class);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(text).contains("deliveries_attempted").contains("deliveries_outcome_success").contains("deliveries_latency")
                    .contains("deliveries_in_flight").contains("deliveries_queue_depth").contains("api_webhooks_create")
                    .contains("deliveries_event_to_delivery_lag_ms").contains("events_ingested").contains("deliveries_circuits_open")
                    .as("a target whose circuit is closed has no gauge").doesNotContain("deliveries_circuit_127_0_0_1");
        }
    }
}
