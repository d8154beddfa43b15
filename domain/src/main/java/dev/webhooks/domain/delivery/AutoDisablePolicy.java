package dev.webhooks.domain.delivery;

import dev.webhooks.domain.webhook.DisabledReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a webhook whose deliveries keep failing is switched off: after {@code maxConsecutiveFailures} deliveries
 * failed for good in a row, or when its deliveries have been failing without a success for {@code maxFailingPeriod}.
 * Zero or a zero period turns that rule off.
 */
public record AutoDisablePolicy(int maxConsecutiveFailures, Duration maxFailingPeriod) {
    public static final String CONSECUTIVE_FAILURES = "CONSECUTIVE_FAILURES";
    public static final String FAILING_TOO_LONG = "FAILING_TOO_LONG";
    public static final AutoDisablePolicy DEFAULT = new AutoDisablePolicy(0, Duration.ofDays(5));

    public AutoDisablePolicy {
        if (maxConsecutiveFailures < 0 || maxFailingPeriod.isNegative()) {
            throw new IllegalArgumentException("auto-disable thresholds may not be negative");
        }
    }

    /** The reason to disable, given the failure streak including the failure just recorded. */
    public Optional<DisabledReason> evaluate(int consecutiveFailures, Instant failingSince, Instant now) {
        if (maxConsecutiveFailures > 0 && consecutiveFailures >= maxConsecutiveFailures) {
            return Optional.of(new DisabledReason(CONSECUTIVE_FAILURES, "Disabled after " + consecutiveFailures
                    + " deliveries in a row failed for good. Fix the receiver, then enable the webhook again."));
        }
        if (!maxFailingPeriod.isZero() && failingSince != null && !failingSince.plus(maxFailingPeriod).isAfter(now)) {
            return Optional.of(new DisabledReason(FAILING_TOO_LONG, "Disabled because every delivery has failed since "
                    + failingSince + ". Fix the receiver, then enable the webhook again."));
        }
        return Optional.empty();
    }
}
