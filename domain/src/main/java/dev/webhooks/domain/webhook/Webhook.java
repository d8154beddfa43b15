package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored webhook: its definition plus what the service records about it. {@code version} increases with
 * every change and guards concurrent updates.
 */
public record Webhook(
        WebhookId id,
        String tenantId,
        WebhookDefinition definition,
        Instant createdAt,
        Instant updatedAt,
        String createdByUserId,
        String updatedByUserId,
        DisabledReason disabledReason,
        long version) {

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(createdByUserId, "createdByUserId");
        Objects.requireNonNull(updatedByUserId, "updatedByUserId");
    }

    public static Webhook create(WebhookId id, String tenantId, WebhookDefinition definition, String userId, Instant now) {
        return new Webhook(id, tenantId, definition, now, now, userId, userId, null, 0);
    }

    public String ownerId() {
        return definition.ownerId();
    }

    public Level level() {
        return definition.level();
    }

    public boolean enabled() {
        return definition.enabled();
    }

    public boolean secretKeyAdded() {
        return definition.secret() != null;
    }

    /**
     * This webhook with a new definition. CloudEvent delivery, once on, stays on; turning a disabled webhook on
     * clears the reason it was disabled.
     */
    public Webhook redefine(WebhookDefinition next, String userId, Instant now) {
        if (definition.enableCloudEventDelivery() && !next.enableCloudEventDelivery()) {
            throw new InvalidInputException(ErrorCode.CLOUD_EVENT_DELIVERY_LOCKED,
                    "'enableCloudEventDelivery' cannot be turned off once it is enabled");
        }
        DisabledReason reason = next.enabled() ? null : disabledReason;
        return new Webhook(id, tenantId, next, createdAt, now, createdByUserId, userId, reason, version);
    }
}
