package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
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

/** Real answers of the running service, successes and errors, conform to the OpenAPI document it serves. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiConformanceTest {
    static final Receiver RECEIVER = new Receiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            io.dropwizard.testing.ConfigOverride.config("delivery.pollInterval", "50ms"));

    private final String tenant = "oas-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
        TestApp.forgetTenants("oas-");
    }

    private OpenApiInteractionValidator validator() {
        String document = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/openapi.json")
                .request().get(String.class);
        // The reference composes WebhookResponse with allOf and no additionalProperties, which this validator would
        // otherwise read as "no other properties"; every other schema rule stays an error.
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(com.atlassian.oai.validator.report.LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build())
                .build();
    }

    private void conforms(OpenApiInteractionValidator validator, Request.Method method, String path, ApiClient.Answer answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status());
        if (!answer.body().isEmpty()) {
            response.withContentType("application/json").withBody(answer.body());
        }
        ValidationReport report = validator.validateResponse(path, method, response.build());
        assertThat(report.getMessages()).as(method + " " + path + " " + answer.status() + ": " + answer.body()).isEmpty();
    }

    @Test
    void answersMatchTheDocument() throws Exception {
        OpenApiInteractionValidator validator = validator();
        ApiClient.Answer created = admin.post("/api/v1/webhooks", Map.of("name", "oas", "url", RECEIVER.url("/oas"),
                "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true, "secret", "s".repeat(32),
                "headers", Map.of("X-A", "1"), "encryptedHeaders", Map.of("X-B", "2"), "description", "d",
                "filter", "spaceId ne \"x\""));
        String id = (String) created.json().get("id");
        conforms(validator, Request.Method.POST, "/api/v1/webhooks", created);
        conforms(validator, Request.Method.GET, "/api/v1/webhooks", admin.get("/api/v1/webhooks?limit=1"));
        admin.patch("/api/v1/webhooks/" + id, List.of(Map.of("op", "replace", "path", "/secret", "value", "t".repeat(32))));
        ApiClient.Answer rotated = admin.get("/api/v1/webhooks/" + id);
        assertThat(rotated.json()).containsKey("previousSecretExpiresAt");
        conforms(validator, Request.Method.GET, "/api/v1/webhooks/" + id, rotated);
        admin.patch("/api/v1/webhooks/" + id, List.of(Map.of("op", "add", "path", "/maxDeliveriesPerSecond", "value", 20)));
        ApiClient.Answer limited = admin.get("/api/v1/webhooks/" + id);
        assertThat(limited.json()).containsEntry("maxDeliveriesPerSecond", 20);
        conforms(validator, Request.Method.GET, "/api/v1/webhooks/" + id, limited);
        admin.patch("/api/v1/webhooks/" + id, List.of(Map.of("op", "replace", "path", "/orderedDelivery", "value", true)));
        ApiClient.Answer ordered = admin.get("/api/v1/webhooks/" + id);
        assertThat(ordered.json()).containsEntry("orderedDelivery", true);
        conforms(validator, Request.Method.GET, "/api/v1/webhooks/" + id, ordered);
        conforms(validator, Request.Method.PATCH, "/api/v1/webhooks/" + id, admin.patch("/api/v1/webhooks/" + id,
                List.of(Map.of("op", "replace", "path", "/orderedDelivery", "value", "yes"))));
        ApiClient.Answer replaced = admin.put("/api/v1/webhooks/" + id,
                Map.of("name", "oas", "url", RECEIVER.url("/oas"), "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true));
        assertThat(replaced.json()).containsEntry("orderedDelivery", false);
        conforms(validator, Request.Method.PUT, "/api/v1/webhooks/" + id, replaced);
        conforms(validator, Request.Method.GET, "/api/v1/webhooks/event-types", admin.get("/api/v1/webhooks/event-types"));

        try (Response published = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + admin.token())
                .post(Entity.json("{\"specversion\":\"1.0\",\"id\":\"oas1\",\"source\":\"s\",\"type\":\"com.qlik.v1.app.created\","
                        + "\"tenantid\":\"" + tenant + "\"}"))) {
            conforms(validator, Request.Method.POST, "/api/v1/events",
                    new ApiClient.Answer(published.getStatus(), published.readEntity(String.class), null));
        }
        RECEIVER.next("/oas", Duration.ofSeconds(15));
        Thread.sleep(500);
        ApiClient.Answer deliveries = admin.get("/api/v1/webhooks/" + id + "/deliveries");
        conforms(validator, Request.Method.GET, "/api/v1/webhooks/" + id + "/deliveries", deliveries);
        String deliveryId = (String) deliveries.data().get(0).get("id");
        String deliveryPath = "/api/v1/webhooks/" + id + "/deliveries/" + deliveryId;
        conforms(validator, Request.Method.GET, deliveryPath, admin.get(deliveryPath));
        conforms(validator, Request.Method.POST, deliveryPath + "/actions/resend", admin.post(deliveryPath + "/actions/resend", Map.of()));

        String recover = "/api/v1/webhooks/" + id + "/actions/recover";
        conforms(validator, Request.Method.POST, recover, admin.post(recover, Map.of("since", "2026-01-01T00:00:00Z")));
        conforms(validator, Request.Method.POST, recover, admin.post(recover, Map.of("since", "soon")));
        conforms(validator, Request.Method.GET, "/api/v1/webhooks/" + UUID.randomUUID(), admin.get("/api/v1/webhooks/" + UUID.randomUUID()));
        conforms(validator, Request.Method.POST, "/api/v1/webhooks", admin.post("/api/v1/webhooks", Map.of("name", "no url")));
        conforms(validator, Request.Method.GET, "/api/v1/webhooks", admin.get("/api/v1/webhooks?limit=0"));
        conforms(validator, Request.Method.DELETE, "/api/v1/webhooks/" + id, admin.delete("/api/v1/webhooks/" + id));
    }
}
