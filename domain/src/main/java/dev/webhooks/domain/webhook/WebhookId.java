package dev.webhooks.domain.webhook;

import java.util.Optional;
import java.util.UUID;

/** A webhook's identifier: a UUID in its canonical lowercase text form. */
public record WebhookId(UUID value) {
    public WebhookId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static WebhookId random() {
        return new WebhookId(UUID.randomUUID());
    }

    /** Reads an id from the outside; anything that is not a canonical UUID is simply no webhook. */
    public static Optional<WebhookId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new WebhookId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
