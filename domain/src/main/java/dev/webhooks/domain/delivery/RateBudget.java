package dev.webhooks.domain.delivery;

import dev.webhooks.domain.webhook.DeliveryRate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When attempts to a rate-limited webhook may start: one start per {@link DeliveryRate#interval()}, the next one free at
 * {@code nextFreeStart} (stored, shared by every instance). A claim at {@code now} takes the free starts that fall
 * before {@code now + HORIZON} and no more, each attempt beginning at its own start; unused time is not saved up, so
 * no second ever holds more than the rate's starts, however many claims or instances there are.
 */
public record RateBudget(DeliveryRate rate, Instant nextFreeStart) {
    /**
     * How far ahead a claim takes starts: its attempts wait at most this long for theirs. Long enough that a claim or
     * two per second keep a webhook at its rate when the database is slow, short enough not to hold sender slots long.
     */
    public static final Duration HORIZON = Duration.ofMillis(500);

    public RateBudget {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(nextFreeStart, "nextFreeStart");
    }

    /** Up to {@code wanted} starts for a claim at {@code now}: none when the next free one is beyond the horizon. */
    public Grant grant(Instant now, int wanted) {
        // whole microseconds, as the database stores them, so that stored starts stay exactly one interval apart
        Instant first = (nextFreeStart.isAfter(now) ? nextFreeStart : now).truncatedTo(ChronoUnit.MICROS);
        long aheadNanos = Duration.between(first, now.plus(HORIZON)).toNanos();
        long intervalNanos = rate.interval().toNanos();
        long fitting = aheadNanos <= 0 ? 0 : (aheadNanos + intervalNanos - 1) / intervalNanos;
        return new Grant(first, rate.interval(), (int) Math.min(Math.max(wanted, 0), fitting));
    }

    /** When a claim may next find a start within its horizon, after the last start given out was {@code lastStart}. */
    public static Instant nextClaimAt(Instant lastStart, DeliveryRate rate) {
        return lastStart.plus(rate.interval()).minus(HORIZON);
    }

    /** {@code count} starts one {@code interval} apart from {@code first}. */
    public record Grant(Instant first, Duration interval, int count) {
        public Instant start(int index) {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException(index);
            }
            return first.plus(interval.multipliedBy(index));
        }

        /** The next free start once {@code used} of these starts are taken (the rest go back unused). */
        public Instant nextFreeStartAfter(int used) {
            return first.plus(interval.multipliedBy(Math.min(used, count)));
        }
    }
}
