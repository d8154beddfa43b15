package dev.webhooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final RetryAfter retryAfter =
            new RetryAfter(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void readsSeconds() {
        assertThat(retryAfter.parse("7")).contains(Duration.ofSeconds(7));
        assertThat(retryAfter.parse(" 0 ")).contains(Duration.ZERO);
    }

    @Test
    void readsHttpDates() {
        assertThat(retryAfter.parse("Wed, 01 Jan 2025 00:02:00 GMT")).contains(Duration.ofMinutes(2));
    }

    @Test
    void clampsToZeroAndOneDay() {
        assertThat(retryAfter.parse("Tue, 31 Dec 2024 00:00:00 GMT")).contains(Duration.ZERO);
        assertThat(retryAfter.parse("999999")).contains(Duration.ofHours(24));
        assertThat(retryAfter.parse("99999999999999999999")).contains(Duration.ofHours(24));
    }

    @Test
    void ignoresGarbage() {
        assertThat(retryAfter.parse(null)).isEmpty();
        assertThat(retryAfter.parse("soon")).isEmpty();
        assertThat(retryAfter.parse("-5")).isEmpty();
    }
}
