package dev.webhooks.domain.webhook;

import dev.webhooks.domain.DomainException;
import dev.webhooks.domain.ErrorCode;

/**
 * The webhook changed between reading and writing it. Use cases read it again and retry; only when it keeps
 * changing does the caller see it (409).
 */
public class ConcurrentUpdateException extends DomainException {
    public ConcurrentUpdateException(WebhookId id) {
        super(ErrorCode.CONCURRENT_UPDATE, "webhook " + id + " is being changed by other requests; retry");
    }
}
