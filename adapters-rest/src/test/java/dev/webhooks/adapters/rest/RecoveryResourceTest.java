package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.webhooks.application.delivery.RecoverFailedDeliveries;
import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.fixtures.InMemoryDeliveryHistory;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Webhook;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /api/v1/webhooks/{id}/actions/recover: 202 with the number queued; bad windows in the error envelope. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecoveryResourceTest {
    static final ApiFixture API = new ApiFixture();
    static final ResourceExtension RESOURCES = API.resources;

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final Webhook webhook = WebhookFixtures.webhook(ApiFixture.TENANT);
    private final String path = "/api/v1/webhooks/" + webhook.id() + "/actions/recover";

    @BeforeEach
    void setUp() {
        API.resetMocks();
        webhooks.insert(webhook, 150);
    }

    /** The real use case behind the resource, on in-memory stores. */
    private void realUseCase() {
        InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
        RecoverFailedDeliveries real = new RecoverFailedDeliveries(new GetWebhook(webhooks), new InMemoryDeliveryHistory(
                deliveries, new InMemoryEventLog(webhooks, deliveries, Clock.systemUTC())), Clock.systemUTC(), Duration.ofDays(7));
        when(API.recover.recover(any(), any(), any(), any())).thenAnswer(call -> real.recover(call.getArgument(0),
                call.getArgument(1), call.getArgument(2), call.getArgument(3)));
    }

    private static void assertError(Response response, String code, String detailFragment) {
        assertThat(response.getStatus()).isEqualTo(400);
        Map<String, Object> body = ErrorBodies.read(response);
        assertThat(ErrorBodies.code(body)).as(body.toString()).isEqualTo(code);
        assertThat(ErrorBodies.detail(body)).as(body.toString()).contains(detailFragment);
        assertThat(body).containsKey("traceId");
    }

    @Test
    void answers202WithTheNumberQueued() {
        when(API.recover.recover(any(), eq(webhook.id().toString()), eq("2026-01-01T00:00:00Z"), isNull())).thenReturn(12);

        Response response = API.admin(path).post(Entity.json(Map.of("since", "2026-01-01T00:00:00Z")));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.readEntity(String.class)).isEqualTo("{\"queued\":12}");
        verify(API.recover).recover(any(), eq(webhook.id().toString()), eq("2026-01-01T00:00:00Z"), isNull());
    }

    @Test
    void badWindowsAreRefusedInTheEnvelope() {
        realUseCase();

        assertError(API.admin(path).post(Entity.json(Map.of())), "VALIDATION_FAILED", "'since' is required");
        assertError(API.admin(path).post(Entity.json(Map.of("since", "last week"))), "VALIDATION_FAILED", "RFC 3339");
        assertError(API.admin(path).post(Entity.json(Map.of("since", "2026-01-01T00:00:00Z", "until", "x"))),
                "VALIDATION_FAILED", "'until'");
        assertError(API.admin(path).post(Entity.json(Map.of("since", "2026-01-02T00:00:00Z", "until", "2026-01-01T00:00:00Z"))),
                "VALIDATION_FAILED", "after 'until'");
        assertError(API.admin(path).post(Entity.entity("{not json", "application/json")), "MALFORMED_JSON", "");
    }

    @Test
    void aWebhookTheCallerCannotSeeIsNotFound() {
        realUseCase();

        Response response = API.as("/api/v1/webhooks/" + java.util.UUID.randomUUID() + "/actions/recover", "admin", "TenantAdmin")
                .post(Entity.json(Map.of("since", "2026-01-01T00:00:00Z")));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(ErrorBodies.code(ErrorBodies.read(response))).isEqualTo("WEBHOOK_NOT_FOUND");
    }
}
