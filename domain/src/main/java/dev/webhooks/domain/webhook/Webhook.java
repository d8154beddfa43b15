package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored webhook: its definition plus what the service records about it. {@code version} increases with
 * every change and guards concurrent updates; {@code previousSecret}, when there is one, is the secret replaced by the
 * last rotation, valid until its grace period ends.
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
        long version,
        PreviousSecret previousSecret) {

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(createdByUserId, "createdByUserId");
        Objects.requireNonNull(updatedByUserId, "updatedByUserId");
        if (definition.secret() == null && previousSecret != null) {
            throw new IllegalArgumentException("a webhook without a secret has no previous secret either");
        }
    }

    /** A webhook without a previous secret. */
    public Webhook(WebhookId id, String tenantId, WebhookDefinition definition, Instant createdAt, Instant updatedAt,
                   String createdByUserId, String updatedByUserId, DisabledReason disabledReason, long version) {
        this(id, tenantId, definition, createdAt, updatedAt, createdByUserId, updatedByUserId, disabledReason, version, null);
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

    /** The previous secret while its grace period lasts. */
    public Optional<Secret> previousSecretAt(Instant now) {
        return validPreviousSecret(now).map(PreviousSecret::secret);
    }

    /** When the previous secret stops signing, while it still does. */
    public Optional<Instant> previousSecretExpiresAt(Instant now) {
        return validPreviousSecret(now).map(PreviousSecret::expiresAt);
    }

    public Webhook withVersion(long nextVersion) {
        return new Webhook(id, tenantId, definition, createdAt, updatedAt, createdByUserId, updatedByUserId, disabledReason,
                nextVersion, previousSecret);
    }

    /** As {@link #redefine(WebhookDefinition, String, Instant, Duration)} with no grace for a replaced secret. */
    public Webhook redefine(WebhookDefinition next, String userId, Instant now) {
        return redefine(next, userId, now, Duration.ZERO);
    }

    /**
     * This webhook with a new definition. CloudEvent delivery, once on, stays on; turning a disabled webhook on
     * clears the reason it was disabled. A replaced secret keeps signing for {@code secretRotationGrace} (zero: not at
     * all); removing the secret stops signing at once, the previous one included.
     */
    public Webhook redefine(WebhookDefinition next, String userId, Instant now, Duration secretRotationGrace) {
        if (definition.enableCloudEventDelivery() && !next.enableCloudEventDelivery()) {
            throw new InvalidInputException(ErrorCode.CLOUD_EVENT_DELIVERY_LOCKED,
                    "'enableCloudEventDelivery' cannot be turned off once it is enabled");
        }
        DisabledReason reason = next.enabled() ? null : disabledReason;
        return new Webhook(id, tenantId, next, createdAt, now, createdByUserId, userId, reason, version,
                previousSecretAfter(next.secret(), now, secretRotationGrace));
    }

    private PreviousSecret previousSecretAfter(Secret nextSecret, Instant now, Duration grace) {
        Secret current = definition.secret();
        if (nextSecret == null) {
            return null;
        }
        if (nextSecret.equals(current)) {
            return validPreviousSecret(now).orElse(null);
        }
        if (current == null || grace.isZero() || grace.isNegative()) {
            return null;
        }
        return new PreviousSecret(current, now.plus(grace));
    }

    private Optional<PreviousSecret> validPreviousSecret(Instant now) {
        return Optional.ofNullable(previousSecret).filter(previous -> previous.validAt(now));
    }
}
