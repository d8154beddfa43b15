package dev.webhooks.application.ops;

import dev.webhooks.domain.port.WebhookRepository;

/**
 * Re-encrypts every stored secret and encrypted header with the configured current key, in batches, while the
 * service keeps serving. Older keys must stay configured until it is done; running it again resumes.
 */
public final class RotateEncryptionKey {
    private static final int BATCH = 200;

    private final WebhookRepository repository;

    public RotateEncryptionKey(WebhookRepository repository) {
        this.repository = repository;
    }

    /** What a rotation did: webhooks re-encrypted, and those whose values no configured key can read. */
    public record Outcome(int reencrypted, int unreadable) {
    }

    public Outcome rotate() {
        int reencrypted = 0;
        int unreadable = 0;
        java.util.Optional<String> after = java.util.Optional.empty();
        do {
            WebhookRepository.ReencryptionBatch batch = repository.reencryptWithCurrentKey(after, BATCH);
            reencrypted += batch.reencrypted();
            unreadable += batch.unreadable();
            after = batch.lastId();
        } while (after.isPresent());
        return new Outcome(reencrypted, unreadable);
    }
}
