package dev.webhooks.domain.port;

import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookQuotaExceededException;
import dev.webhooks.domain.webhook.WebhookSort;
import java.time.Instant;
import java.util.Optional;

/** Stores webhooks, their secrets encrypted at rest. */
public interface WebhookRepository {

    /**
     * Stores a new webhook unless its owner already owns {@code ownerQuota} webhooks; the count and the insert
     * are atomic, so concurrent creates cannot exceed the quota.
     *
     * @throws WebhookQuotaExceededException when the owner is at the quota
     */
    void insert(Webhook webhook, int ownerQuota);

    Optional<Webhook> findById(String tenantId, WebhookId id);

    /** For operators, who act across tenants. */
    Optional<Webhook> findByIdInAnyTenant(WebhookId id);

    /**
     * Replaces a stored webhook if it still has {@code webhook.version()}, and increments the version. When the
     * owner changes, the new owner's quota is enforced as in {@link #insert}.
     *
     * @throws ConcurrentUpdateException when the stored version differs
     * @throws WebhookQuotaExceededException when a new owner is at the quota
     */
    Webhook update(Webhook webhook, int ownerQuota);

    /**
     * Switches an enabled webhook off, saying why: the one way the service and operators disable webhooks. Touches
     * nothing else (so it works for a webhook whose secrets cannot be decrypted); empty when the webhook does not exist
     * or is not enabled, else what the webhook is after this change. Enabling it again ({@link #update}) clears the
     * reason and starts its failure streak afresh.
     */
    Optional<DisabledWebhook> disable(WebhookId id, DisabledReason reason, Instant now);

    /** Deletes the webhook and its delivery history; false when there was none. */
    boolean delete(String tenantId, WebhookId id);

    Page<Webhook> list(WebhookQuery query, WebhookSort sort, PageRequest page);

    /**
     * Re-encrypts, with the current key, the secrets and encrypted headers of the next {@code batchSize} webhooks
     * (by id, after {@code afterId}, empty to start) still encrypted with another key. Safe while the service serves.
     */
    ReencryptionBatch reencryptWithCurrentKey(java.util.Optional<String> afterId, int batchSize);

    /** What one re-encryption batch did; {@code lastId} is where the next batch starts, empty when done. */
    record ReencryptionBatch(int reencrypted, int unreadable, java.util.Optional<String> lastId) {
    }
}
