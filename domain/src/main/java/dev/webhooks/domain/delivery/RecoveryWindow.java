package dev.webhooks.domain.delivery;

import dev.webhooks.domain.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Which failed deliveries a tenant's recovery sends again: those triggered in [{@code since}, {@code until}). Asked for
 * as RFC 3339 timestamps; {@code until} defaults to now and stops there, and a {@code since} older than the retention
 * is moved up to it (nothing older is kept). {@code requested} is the window as asked, which identifies a repeat.
 */
public record RecoveryWindow(Instant since, Instant until, String requested) {
    /** At most this many deliveries are recovered per request; ask again with a later {@code since} for more. */
    public static final int MAX_DELIVERIES = 10_000;
    /** A repeat of the same request within this time is answered as the first was, and queues nothing. */
    public static final Duration REPEATS_ANSWERED_FOR = Duration.ofMinutes(1);

    public RecoveryWindow {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(requested, "requested");
    }

    /** The window a request asks for at {@code now}, clamped to what the retention still holds. */
    public static RecoveryWindow requested(String since, String until, Instant now, Duration retention) {
        if (since == null || since.isBlank()) {
            throw InvalidInputException.field("since", "is required (an RFC 3339 timestamp)");
        }
        Instant from = parse("since", since);
        Instant to = until == null ? now : parse("until", until);
        if (from.isAfter(to)) {
            throw InvalidInputException.field("since", "is after 'until'");
        }
        Instant oldestKept = now.minus(retention);
        return new RecoveryWindow(from.isBefore(oldestKept) ? oldestKept : from, to.isAfter(now) ? now : to,
                from + "/" + (until == null ? "" : to.toString()));
    }

    private static Instant parse(String field, String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "is not an RFC 3339 timestamp with an offset, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
