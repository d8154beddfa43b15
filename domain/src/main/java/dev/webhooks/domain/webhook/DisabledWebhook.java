package dev.webhooks.domain.webhook;

import java.util.Objects;

/** A webhook the service or an operator just switched off: what an announcement needs, and the version it now has. */
public record DisabledWebhook(WebhookId id, String tenantId, String name, String ownerId, long version) {
    public DisabledWebhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
