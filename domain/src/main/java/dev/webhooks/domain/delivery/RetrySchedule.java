package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed attempt is tried again: the n-th retry waits the n-th delay, spread by ±{@code jitter} so retries
 * of many deliveries do not arrive together; a {@code Retry-After} from the target is honoured up to
 * {@code maxRetryAfter}. After the last delay the delivery has failed for good.
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10)), 0.2, Duration.ofHours(10));

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry delays may not be negative");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1)");
        }
    }

    /** When to try again after {@code attemptsMade} attempts, or empty when the schedule is used up. */
    public Optional<Instant> nextAttempt(int attemptsMade, Instant now, Optional<Duration> retryAfter, RandomGenerator random) {
        int retry = attemptsMade - 1;
        if (retry < 0 || retry >= delays.size()) {
            return Optional.empty();
        }
        Duration planned = jittered(delays.get(retry), random);
        Duration wait = retryAfter.map(asked -> min(asked, maxRetryAfter)).filter(asked -> asked.compareTo(planned) > 0).orElse(planned);
        return Optional.of(now.plus(wait));
    }

    private Duration jittered(Duration delay, RandomGenerator random) {
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
