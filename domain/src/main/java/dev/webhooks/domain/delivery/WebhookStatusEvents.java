package dev.webhooks.domain.delivery;

import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.json.JsonObject;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.Optional;

/**
 * The operational CloudEvents the service publishes into a webhook's tenant when the webhook is switched off by the
 * service or an operator, or on again. Each names the webhook in {@code subject} (it is never delivered to that
 * webhook) and has an id made of the webhook version the change produced, so publishing one change twice stores it
 * once (the event log's idempotency on tenant, source and id).
 */
public final class WebhookStatusEvents {
    private static final String SUBJECT = "subject";

    private WebhookStatusEvents() {
    }

    public static CloudEvent disabled(DisabledWebhook webhook, DisabledReason reason, Instant at) {
        JsonObject data = JsonObject.builder()
                .put("id", webhook.id().toString())
                .put("name", webhook.name())
                .put("reasonCode", reason.code().name())
                .put("reason", reason.message())
                .build();
        return event(EventTypeCatalog.WEBHOOK_DISABLED, "disabled", webhook.id(), webhook.tenantId(), webhook.ownerId(),
                webhook.version(), at, data);
    }

    /** {@code enabled} is the webhook as stored after the change; {@code before} its disabled reason, if it had one. */
    public static CloudEvent enabled(Webhook enabled, Optional<DisabledReason> before, String enabledBy, Instant at) {
        JsonObject.Builder data = JsonObject.builder()
                .put("id", enabled.id().toString())
                .put("name", enabled.definition().name())
                .put("enabledBy", enabledBy);
        before.ifPresent(reason -> data.put("reasonCode", reason.code().name()).put("reason", reason.message()));
        return event(EventTypeCatalog.WEBHOOK_ENABLED, "enabled", enabled.id(), enabled.tenantId(), enabled.ownerId(),
                enabled.version(), at, data.build());
    }

    /** Whether the event is one of these, about that webhook. */
    public static boolean isAbout(CloudEvent event, WebhookId webhookId) {
        return EventTypeCatalog.isServiceType(event.type())
                && event.extensions().get(SUBJECT) instanceof dev.webhooks.domain.event.json.JsonString subject
                && subject.value().equals(webhookId.toString());
    }

    private static CloudEvent event(String type, String change, WebhookId id, String tenantId, String ownerId, long version,
                                    Instant at, JsonObject data) {
        return CloudEvent.from(JsonObject.builder()
                .put(CloudEvent.SPECVERSION, CloudEvent.SPEC_VERSION)
                .put(CloudEvent.ID, id + "/" + change + "/" + version)
                .put(CloudEvent.SOURCE, "/api/v1/webhooks/" + id)
                .put(CloudEvent.TYPE, type)
                .put(CloudEvent.TIME, at.toString())
                .put(CloudEvent.TENANTID, tenantId)
                .put(CloudEvent.OWNERID, ownerId)
                .put(SUBJECT, id.toString())
                .put(CloudEvent.DATACONTENTTYPE, "application/json")
                .put(CloudEvent.DATA, data)
                .build());
    }
}
