package dev.webhooks.domain.delivery;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A delivery's identifier; also the stable {@code webhook-id} receivers deduplicate retries with. */
public record DeliveryId(UUID value) {
    public DeliveryId {
        Objects.requireNonNull(value, "value");
    }

    public static DeliveryId random() {
        return new DeliveryId(UUID.randomUUID());
    }

    public static Optional<DeliveryId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new DeliveryId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
