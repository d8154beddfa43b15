package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDs that sort by the time they were made (RFC 9562's version 7: 48 bits of milliseconds since the epoch, the
 * version, then 74 random bits), so that a store keeps new rows in the order they came; they read like any other UUID.
 */
public final class TimeOrderedUuid {
    private TimeOrderedUuid() {
    }

    /** A new one for {@code at}. */
    public static UUID at(Instant at) {
        return of(at.toEpochMilli(), ThreadLocalRandom.current());
    }

    /** The smallest one of {@code at}: every UUID made at or after it sorts after it (byte by byte, or as text). */
    public static UUID lowestAt(Instant at) {
        return new UUID(at.toEpochMilli() << 16 | 0x7000L, 0x8000000000000000L);
    }

    static UUID of(long epochMillis, Random random) {
        long most = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
