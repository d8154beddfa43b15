package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * When the service switches off a webhook whose deliveries keep failing: after {@code maxConsecutiveFailures}
 * deliveries failed for good in a row, or once its attempts have failed without a success for
 * {@code maxFailingPeriod}. Zero (or a zero period) turns that rule off.
 */
public record AutoDisableRules(int maxConsecutiveFailures, Duration maxFailingPeriod) {
    public static final AutoDisableRules DEFAULT = new AutoDisableRules(0, Duration.ofDays(5));

    public AutoDisableRules {
        Objects.requireNonNull(maxFailingPeriod, "maxFailingPeriod");
        if (maxConsecutiveFailures < 0 || maxFailingPeriod.isNegative()) {
            throw new IllegalArgumentException("auto-disable thresholds may not be negative");
        }
    }
}
