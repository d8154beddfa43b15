package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A delivery's identifier; also the stable {@code webhook-id} receivers deduplicate retries with. New ones are
 * {@link TimeOrderedUuid time-ordered}, so that stores keep deliveries in the order they were made.
 */
public record DeliveryId(UUID value) {
    public DeliveryId {
        Objects.requireNonNull(value, "value");
    }

    /** A new, time-ordered id for a delivery made at {@code now}. */
    public static DeliveryId at(Instant now) {
        return new DeliveryId(TimeOrderedUuid.at(now));
    }

    /** A new, time-ordered id for a delivery made now. */
    public static DeliveryId random() {
        return at(Instant.now());
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
