package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.math.BigInteger;
import java.time.Duration;

/** The most attempts per second the service starts to one webhook ({@code maxDeliveriesPerSecond}). */
public record DeliveryRate(int perSecond) {
    public static final String FIELD = "maxDeliveriesPerSecond";
    public static final int MIN = 1;
    public static final int MAX = 10_000;

    public DeliveryRate {
        if (perSecond < MIN || perSecond > MAX) {
            throw invalid();
        }
    }

    /** The rate a JSON value asks for: null is no limit; anything but a whole number from 1 to 10000 is rejected. */
    public static DeliveryRate fromJson(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !isWhole(number)) {
            throw invalid();
        }
        if (number instanceof BigInteger big && big.bitLength() > 31) {
            throw invalid();
        }
        long whole = number.longValue();
        if (whole < MIN || whole > MAX) {
            throw invalid();
        }
        return new DeliveryRate((int) whole);
    }

    /** The shortest time between two starts, rounded up to the microsecond the database stores (never faster). */
    public Duration interval() {
        long micros = (1_000_000L + perSecond - 1) / perSecond;
        return Duration.ofNanos(micros * 1_000);
    }

    /** Whole numbers only: JSON 1.5 (and 2.0) arrive as Double or BigDecimal and are not integers. */
    private static boolean isWhole(Number number) {
        return number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger;
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.field(FIELD, "must be an integer from " + MIN + " to " + MAX + ", or null for no limit");
    }
}
