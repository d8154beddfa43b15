package dev.webhooks.domain.webhook;

/** The webhook changed between reading and writing it; the use case reads it again and retries. */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(WebhookId id) {
        super("webhook " + id + " was changed concurrently");
    }
}
