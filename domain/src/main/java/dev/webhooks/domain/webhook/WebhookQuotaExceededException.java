package dev.webhooks.domain.webhook;

import dev.webhooks.domain.AccessDeniedException;
import dev.webhooks.domain.ErrorCode;

/** The owner already has the maximum number of webhooks. */
public class WebhookQuotaExceededException extends AccessDeniedException {
    private final String ownerId;
    private final int quota;

    public WebhookQuotaExceededException(String ownerId, int quota) {
        super(ErrorCode.WEBHOOK_QUOTA_EXCEEDED,
                "user '" + ownerId + "' already owns " + quota + " webhooks, the most a user may own; delete one first");
        this.ownerId = ownerId;
        this.quota = quota;
    }

    public String ownerId() {
        return ownerId;
    }

    public int quota() {
        return quota;
    }
}
