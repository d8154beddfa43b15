package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The n-th retry waits the n-th delay of a fixed list; after the last one the delivery has failed for good. */
public record FixedRetrySchedule(List<Duration> delays) implements RetrySchedule {
    /** 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: nine attempts over about a day. */
    public static final FixedRetrySchedule DEFAULT = new FixedRetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10)));

    public FixedRetrySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry delays may not be negative");
        }
    }

    @Override
    public Optional<Duration> delayAfter(int attemptsMade) {
        int retry = attemptsMade - 1;
        return retry < 0 || retry >= delays.size() ? Optional.empty() : Optional.of(delays.get(retry));
    }
}
