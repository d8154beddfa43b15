package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a delivery waits before its next attempt, by the number of attempts made so far; when it has none left,
 * the delivery has failed for good. The {@link DeliveryPolicy} adds jitter and honours {@code Retry-After} on top.
 */
public interface RetrySchedule {

    /** The planned wait after {@code attemptsMade} attempts (1 after the first), or empty when the schedule is used up. */
    Optional<Duration> delayAfter(int attemptsMade);
}
