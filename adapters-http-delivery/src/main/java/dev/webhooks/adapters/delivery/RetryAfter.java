package dev.webhooks.adapters.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hc.client5.http.utils.DateUtils;

/** Reads a {@code Retry-After} value, seconds or an HTTP date, as a delay clamped to between zero and 24 hours. */
final class RetryAfter {
    static final Duration MAX = Duration.ofHours(24);

    private final Clock clock;

    RetryAfter(Clock clock) {
        this.clock = clock;
    }

    Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            return Optional.of(clamp(seconds(trimmed)));
        }
        Instant date = DateUtils.parseStandardDate(trimmed);
        return date == null ? Optional.empty() : Optional.of(clamp(Duration.between(clock.instant(), date)));
    }

    private static Duration seconds(String digits) {
        return digits.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(digits));
    }

    private static Duration clamp(Duration delay) {
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
