package dev.webhooks.domain.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * The secret a webhook had before its last rotation, still signing (next to the new one) until {@code expiresAt}, so
 * that a receiver can switch over without failing deliveries. Never printed.
 */
public record PreviousSecret(Secret secret, Instant expiresAt) {
    public PreviousSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean validAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
