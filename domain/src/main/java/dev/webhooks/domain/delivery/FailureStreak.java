package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook's failure history as auto-disable needs it: how many deliveries in a row failed for good, and since when
 * every attempt has failed. A success ends the streak; so does enabling the webhook again.
 */
public record FailureStreak(int consecutiveFailures, Optional<Instant> failingSince) {
    public static final FailureStreak NONE = new FailureStreak(0, Optional.empty());

    public FailureStreak {
        Objects.requireNonNull(failingSince, "failingSince");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures may not be negative");
        }
    }

    /** The streak after a failed attempt at {@code at}; {@code forGood} when the delivery has no retries left. */
    public FailureStreak afterFailure(boolean forGood, Instant at) {
        return new FailureStreak(consecutiveFailures + (forGood ? 1 : 0), failingSince.or(() -> Optional.of(at)));
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
