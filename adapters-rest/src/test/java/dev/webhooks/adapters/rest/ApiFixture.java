package dev.webhooks.adapters.rest;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;

import dev.webhooks.adapters.rest.auth.BearerTokenVerifier;
import dev.webhooks.application.ops.OutageLog;
import dev.webhooks.application.webhook.CreateWebhook;
import dev.webhooks.application.webhook.DeleteWebhook;
import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.application.webhook.ListEventTypes;
import dev.webhooks.application.webhook.ListWebhooks;
import dev.webhooks.application.webhook.PatchWebhook;
import dev.webhooks.application.webhook.ReplaceWebhook;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The REST adapter over mocked use cases, served in memory, with tokens to call it. */
final class ApiFixture {
    static final String TENANT = "acme";

    final ListWebhooks list = mock(ListWebhooks.class);
    final CreateWebhook create = mock(CreateWebhook.class);
    final GetWebhook get = mock(GetWebhook.class);
    final ReplaceWebhook replace = mock(ReplaceWebhook.class);
    final PatchWebhook patch = mock(PatchWebhook.class);
    final DeleteWebhook delete = mock(DeleteWebhook.class);
    final ListEventTypes eventTypes = mock(ListEventTypes.class);
    final dev.webhooks.application.event.PublishEvent publish = mock(dev.webhooks.application.event.PublishEvent.class);
    final dev.webhooks.application.delivery.ListDeliveries listDeliveries = mock(dev.webhooks.application.delivery.ListDeliveries.class);
    final dev.webhooks.application.delivery.GetDelivery getDelivery = mock(dev.webhooks.application.delivery.GetDelivery.class);
    final dev.webhooks.application.delivery.ResendDelivery resend = mock(dev.webhooks.application.delivery.ResendDelivery.class);
    final dev.webhooks.application.delivery.RecoverFailedDeliveries recover =
            mock(dev.webhooks.application.delivery.RecoverFailedDeliveries.class);
    final TestTokens tokens = new TestTokens();
    /** Settles at once, so that a success ends an outage a test started. */
    final OutageLog databaseOutage = new OutageLog("database", "API requests answered 503", java.time.Duration.ZERO,
            System.getLogger(ApiFixture.class.getName()), java.time.Clock.systemUTC());
    /** The clock the resources read: sample secrets rotated around it show a grace period or none. */
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    final ResourceExtension resources;

    ApiFixture(Object... extraComponents) {
        RestApi api = new RestApi(new BearerTokenVerifier(tokens.settings(), tokens.jwks()),
                list, create, get, replace, patch, delete, eventTypes, publish, listDeliveries, getDelivery, resend, recover, databaseOutage,
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setMapper(StrictScalars.apply(io.dropwizard.jackson.Jackson.newObjectMapper()))
                .setRegisterDefaultExceptionMappers(false)
                .bootstrapLogging(false);
        api.components().forEach(builder::addResource);
        java.util.Arrays.stream(extraComponents).forEach(builder::addResource);
        resources = builder.build();
    }

    void resetMocks() {
        reset(list, create, get, replace, patch, delete, eventTypes, publish, listDeliveries, getDelivery, resend, recover);
        databaseOutage.succeeded();
    }

    Invocation.Builder as(String path, String user, String... roles) {
        return target(path).request().header("Authorization", "Bearer " + tokens.user(TENANT, user, roles));
    }

    /** A target for a path that may carry a query string. */
    WebTarget target(String pathAndQuery) {
        String[] parts = pathAndQuery.split("\\?", 2);
        WebTarget target = resources.target(parts[0]);
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] nameValue = pair.split("=", 2);
                target = target.queryParam(nameValue[0], nameValue.length == 2 ? nameValue[1] : "");
            }
        }
        return target;
    }

    Invocation.Builder admin(String path) {
        return as(path, "admin", "TenantAdmin");
    }

    static Page<Webhook> emptyPage() {
        return new Page<>(List.of(), Optional.empty(), Optional.empty());
    }

    /** A webhook with every field set, as stored after a few changes and then disabled by the service. */
    static Webhook sampleWebhook() {
        WebhookDefinition definition = WebhookFixtures.definition(b -> {
            b.description = "order events";
            b.ownerId = "admin";
            b.headers = new HeaderMap("headers", Map.of("X-Team", "blue"));
            b.encryptedHeaders = new HeaderMap("encryptedHeaders", Map.of("Authorization", "Bearer hidden-value"));
            b.secret = new Secret("s".repeat(40));
            b.enabled = false;
        });
        Instant created = Instant.parse("2018-10-30T07:06:22.123456Z");
        return new Webhook(WebhookId.random(), TENANT, definition, created, created, "admin", "admin",
                new DisabledReason(DisabledReasonCode.CONSECUTIVE_FAILURES, "disabled after repeated failures"), 3);
    }
}
