package dev.webhooks.domain.delivery;

import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What follows an attempt, decided in one place: how the attempt is judged ({@link AttemptOutcome}), the delivery's
 * next state and the time of its next attempt (the retry schedule, spread by jitter, stretched by the receiver's
 * {@code Retry-After} up to a cap), the webhook's failure streak after it, and whether the webhook is disabled and why
 * (410 Gone, the auto-disable rules, secrets that cannot be read). Storage and the engine only apply the decision.
 */
public final class DeliveryPolicy {
    /** How long a delivery that could not be sent (unreadable secrets) waits before it is looked at again. */
    public static final Duration HOLD = Duration.ofMinutes(1);

    private final RetrySchedule schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final AutoDisableRules autoDisable;
    private final DoubleSupplier random;

    /**
     * @param jitter        spreads each planned wait by up to ±{@code jitter} of itself, so retries of many deliveries
     *                      do not arrive together; in [0, 1)
     * @param maxRetryAfter the longest wait a receiver's {@code Retry-After} may ask for
     * @param random        uniform values in [0, 1), for the jitter
     */
    public DeliveryPolicy(RetrySchedule schedule, double jitter, Duration maxRetryAfter, AutoDisableRules autoDisable,
                          DoubleSupplier random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1)");
        }
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.jitter = jitter;
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        this.autoDisable = Objects.requireNonNull(autoDisable, "autoDisable");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What happens after an attempt. */
    public record Decision(AttemptOutcome outcome, DeliveryState state, Optional<Instant> nextAttemptAt, String statusMessage,
                           FailureStreak streak, Optional<DisabledReason> disableWebhook) {
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(statusMessage, "statusMessage");
            Objects.requireNonNull(streak, "streak");
            if (nextAttemptAt.isPresent() != (state == DeliveryState.PENDING)) {
                throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
            }
        }

        /** Whether the attempt counts (and is recorded); a held delivery goes back unattempted. */
        public boolean attemptCounted() {
            return outcome != AttemptOutcome.HELD;
        }
    }

    /** How an attempt is judged, by its status code or by why it got none. */
    public AttemptOutcome classify(DeliveryAttempt attempt) {
        if (attempt.failure().isPresent()) {
            return switch (attempt.failure().get()) {
                case TARGET_REFUSED -> AttemptOutcome.FINAL;
                case SECRET_UNREADABLE -> AttemptOutcome.HELD;
                case TIMEOUT, CONNECT_TIMEOUT, CONNECTION_REFUSED, CONNECTION_RESET, TLS_FAILURE, UNRESOLVED_HOST,
                     NETWORK_ERROR, CIRCUIT_OPEN -> AttemptOutcome.RETRYABLE;
            };
        }
        int status = attempt.statusCode();
        if (status >= 200 && status < 300) {
            return AttemptOutcome.SUCCESS;
        }
        if (status == 410) {
            return AttemptOutcome.GONE;
        }
        return status == 408 || status == 429 || status >= 500 ? AttemptOutcome.RETRYABLE : AttemptOutcome.FINAL;
    }

    /**
     * Decides after the {@code attemptsBefore + 1}-th attempt of a delivery, which finished at {@code at}, given the
     * webhook's failure streak before it.
     */
    public Decision decide(int attemptsBefore, DeliveryAttempt attempt, FailureStreak streak, Instant at) {
        AttemptOutcome outcome = classify(attempt);
        return switch (outcome) {
            case SUCCESS -> new Decision(outcome, DeliveryState.SUCCEEDED, Optional.empty(), message(attempt, outcome, false),
                    FailureStreak.NONE, Optional.empty());
            case HELD -> new Decision(outcome, DeliveryState.PENDING, Optional.of(at.plus(HOLD)), attempt.detail(), streak,
                    Optional.of(new DisabledReason(DisabledReasonCode.SECRET_UNREADABLE, "Disabled because its secret or"
                            + " encrypted headers cannot be decrypted with the configured keys. Configure the key again,"
                            + " or set new values, then enable the webhook again.")));
            case GONE -> new Decision(outcome, DeliveryState.FAILED, Optional.empty(), message(attempt, outcome, false),
                    streak.afterFailure(true, at), Optional.of(new DisabledReason(DisabledReasonCode.GONE,
                            "The receiver answered 410 Gone, asking for no more deliveries.")));
            case FINAL -> failed(outcome, attempt, Optional.empty(), streak, at);
            case RETRYABLE -> failed(outcome, attempt, nextAttempt(attemptsBefore + 1, at, attempt.retryAfter()), streak, at);
        };
    }

    /** Decides after a one-off attempt (a resend): it is final either way, and no webhook state follows from it. */
    public Decision decideOnce(DeliveryAttempt attempt) {
        AttemptOutcome outcome = classify(attempt);
        DeliveryState state = outcome == AttemptOutcome.SUCCESS ? DeliveryState.SUCCEEDED : DeliveryState.FAILED;
        return new Decision(outcome, state, Optional.empty(), message(attempt, outcome, false), FailureStreak.NONE,
                Optional.empty());
    }

    private Decision failed(AttemptOutcome outcome, DeliveryAttempt attempt, Optional<Instant> retryAt, FailureStreak streak,
                            Instant at) {
        FailureStreak after = streak.afterFailure(retryAt.isEmpty(), at);
        DeliveryState state = retryAt.isPresent() ? DeliveryState.PENDING : DeliveryState.FAILED;
        return new Decision(outcome, state, retryAt, message(attempt, outcome, retryAt.isPresent()), after,
                autoDisableReason(after, at));
    }

    private Optional<Instant> nextAttempt(int attemptsMade, Instant at, Optional<Duration> retryAfter) {
        return schedule.delayAfter(attemptsMade).map(planned -> {
            Duration jittered = jittered(planned);
            Duration asked = retryAfter.map(wait -> wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait).orElse(Duration.ZERO);
            return at.plus(asked.compareTo(jittered) > 0 ? asked : jittered);
        });
    }

    private Duration jittered(Duration delay) {
        double factor = 1 + (random.getAsDouble() * 2 - 1) * jitter;
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    private Optional<DisabledReason> autoDisableReason(FailureStreak streak, Instant now) {
        int max = autoDisable.maxConsecutiveFailures();
        if (max > 0 && streak.consecutiveFailures() >= max) {
            return Optional.of(new DisabledReason(DisabledReasonCode.CONSECUTIVE_FAILURES, "Disabled after "
                    + streak.consecutiveFailures() + " deliveries in a row failed for good. Fix the receiver, then enable"
                    + " the webhook again."));
        }
        Duration period = autoDisable.maxFailingPeriod();
        Optional<Instant> since = streak.failingSince();
        if (!period.isZero() && since.isPresent() && !since.get().plus(period).isAfter(now)) {
            return Optional.of(new DisabledReason(DisabledReasonCode.FAILING_TOO_LONG, "Disabled because every delivery"
                    + " has failed since " + since.get() + ". Fix the receiver, then enable the webhook again."));
        }
        return Optional.empty();
    }

    private static String message(DeliveryAttempt attempt, AttemptOutcome outcome, boolean willRetry) {
        if (!attempt.wasAnswered()) {
            return attempt.detail();
        }
        int status = attempt.statusCode();
        return switch (outcome) {
            case SUCCESS -> "delivered: HTTP " + status;
            case GONE -> "HTTP 410 Gone: the receiver asked to stop; the webhook is disabled";
            case RETRYABLE -> "HTTP " + status + (willRetry ? ": will retry" : ": retries used up");
            case FINAL, HELD -> status >= 300 && status < 400
                    ? "HTTP " + status + ": redirects are not followed" : "HTTP " + status + ": not retried";
        };
    }
}
