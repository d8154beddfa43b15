package dev.webhooks.adapters.rest;

import dev.webhooks.adapters.rest.auth.BearerAuthFilter;
import dev.webhooks.adapters.rest.auth.BearerTokenVerifier;
import dev.webhooks.adapters.rest.error.DomainExceptionMapper;
import dev.webhooks.adapters.rest.error.JsonExceptionMapper;
import dev.webhooks.adapters.rest.error.MediaTypeCheck;
import dev.webhooks.adapters.rest.error.NotAuthenticatedExceptionMapper;
import dev.webhooks.adapters.rest.error.RequestTracing;
import dev.webhooks.adapters.rest.error.UnexpectedExceptionMapper;
import dev.webhooks.adapters.rest.error.WebApplicationExceptionMapper;
import dev.webhooks.adapters.rest.webhook.EventTypesResource;
import dev.webhooks.adapters.rest.webhook.WebhooksResource;
import dev.webhooks.application.event.PublishEvent;
import dev.webhooks.application.delivery.GetDelivery;
import dev.webhooks.application.delivery.ListDeliveries;
import dev.webhooks.application.delivery.ResendDelivery;
import dev.webhooks.adapters.rest.delivery.DeliveriesResource;
import dev.webhooks.adapters.rest.event.EventsResource;
import dev.webhooks.application.webhook.CreateWebhook;
import dev.webhooks.application.webhook.DeleteWebhook;
import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.application.webhook.ListEventTypes;
import dev.webhooks.application.webhook.ListWebhooks;
import dev.webhooks.application.webhook.PatchWebhook;
import dev.webhooks.application.webhook.ReplaceWebhook;
import dev.webhooks.application.ops.OutageLog;
import dev.webhooks.adapters.rest.delivery.RecoveryResource;
import dev.webhooks.application.delivery.RecoverFailedDeliveries;
import java.time.Clock;
import java.util.List;

/**
 * Every Jersey component of the REST adapter, built from the use cases, for the bootstrap to register; requests that
 * fail because the database is unavailable are reported to {@code databaseOutage}.
 */
public final class RestApi {
    private final List<Object> components;

    public RestApi(BearerTokenVerifier verifier, ListWebhooks listWebhooks, CreateWebhook createWebhook,
                   GetWebhook getWebhook, ReplaceWebhook replaceWebhook, PatchWebhook patchWebhook,
                   DeleteWebhook deleteWebhook, ListEventTypes listEventTypes, PublishEvent publishEvent,
                   ListDeliveries listDeliveries, GetDelivery getDelivery, ResendDelivery resendDelivery,
                   RecoverFailedDeliveries recoverFailedDeliveries, OutageLog databaseOutage, Clock clock) {
        this.components = List.of(
                new RequestTracing(),
                new MediaTypeCheck(),
                new BearerAuthFilter(verifier),
                new WebhooksResource(listWebhooks, createWebhook, getWebhook, replaceWebhook, patchWebhook, deleteWebhook,
                        clock),
                new EventTypesResource(listEventTypes),
                new EventsResource(publishEvent),
                new DeliveriesResource(listDeliveries, getDelivery, resendDelivery),
                new RecoveryResource(recoverFailedDeliveries),
                new OpenApiResource(),
                new NotAuthenticatedExceptionMapper(),
                new DomainExceptionMapper(),
                new JsonExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper(databaseOutage));
    }

    public List<Object> components() {
        return components;
    }
}
