package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDs that sort by the time they were made (RFC 9562's version 7: 48 bits of milliseconds since the epoch, the
 * version, 12 bits of sequence, then 62 random bits), so that a store keeps new rows in the order they came; they read
 * like any other UUID. Those made for the present strictly increase within this process (the sequence counts within a
 * millisecond, RFC 9562 section 6.2 method 1): deliveries made one after the other, a batch's for example, sort in the
 * order they were made. Those made for a moment more than {@value #PRESENT_MILLIS} ms before the latest one (a copy
 * dated at its original's time) sort by their millisecond only.
 */
public final class TimeOrderedUuid {
    static final long PRESENT_MILLIS = 1_000;
    /**
     * The latest present id's millisecond and sequence ({@code millis << 12 | sequence}). Process-wide on purpose: the
     * order holds between every two ids made here, whichever code made them.
     */
    private static final AtomicLong LATEST = new AtomicLong();

    private TimeOrderedUuid() {
    }

    /** A new one for {@code at}. */
    public static UUID at(Instant at) {
        long millis = at.toEpochMilli();
        long stamp = LATEST.updateAndGet(latest -> isPast(latest, millis) ? latest : Math.max(latest + 1, millis << 12));
        if (isPast(stamp, millis)) {
            return of(millis, ThreadLocalRandom.current());
        }
        return withStamp(stamp, ThreadLocalRandom.current());
    }

    /** The smallest one of {@code at}: every UUID made at or after it sorts after it (byte by byte, or as text). */
    public static UUID lowestAt(Instant at) {
        return new UUID(at.toEpochMilli() << 16 | 0x7000L, 0x8000000000000000L);
    }

    static UUID of(long epochMillis, Random random) {
        return withStamp(epochMillis << 12 | (random.nextInt() & 0x0FFFL), random);
    }

    private static boolean isPast(long latestStamp, long millis) {
        return (latestStamp >>> 12) - millis > PRESENT_MILLIS;
    }

    private static UUID withStamp(long stamp, Random random) {
        long most = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0x0FFFL);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
