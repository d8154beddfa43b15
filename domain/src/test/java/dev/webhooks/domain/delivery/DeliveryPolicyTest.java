package dev.webhooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every kind of attempt outcome through the one policy: state, next attempt, streak and disable decision. */
class DeliveryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** 1 min, 10 min, then the schedule is used up; no jitter unless a test asks for it. */
    private static final RetrySchedule SCHEDULE = new FixedRetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(10)));
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(SCHEDULE, 0, Duration.ofHours(1), AutoDisableRules.DEFAULT,
            () -> 0.5);

    private static DeliveryAttempt answer(int status) {
        return DeliveryAttempt.answered(status, Map.of(), "", Optional.empty());
    }

    private static DeliveryAttempt failure(AttemptFailure failure) {
        return DeliveryAttempt.failed(failure, "what happened");
    }

    /** attempt, outcome, state after a first attempt, next attempt after it, disable code (or null). */
    static Stream<Arguments> everyOutcomeClass() {
        Instant retry = NOW.plus(Duration.ofMinutes(1));
        return Stream.of(
                Arguments.of("200", answer(200), AttemptOutcome.SUCCESS, DeliveryState.SUCCEEDED, null, null),
                Arguments.of("204", answer(204), AttemptOutcome.SUCCESS, DeliveryState.SUCCEEDED, null, null),
                Arguments.of("301", answer(301), AttemptOutcome.FINAL, DeliveryState.FAILED, null, null),
                Arguments.of("302", answer(302), AttemptOutcome.FINAL, DeliveryState.FAILED, null, null),
                Arguments.of("400", answer(400), AttemptOutcome.FINAL, DeliveryState.FAILED, null, null),
                Arguments.of("401", answer(401), AttemptOutcome.FINAL, DeliveryState.FAILED, null, null),
                Arguments.of("404", answer(404), AttemptOutcome.FINAL, DeliveryState.FAILED, null, null),
                Arguments.of("408", answer(408), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("410", answer(410), AttemptOutcome.GONE, DeliveryState.FAILED, null, DisabledReasonCode.GONE),
                Arguments.of("429", answer(429), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("429 Retry-After 30 min", DeliveryAttempt.answered(429, Map.of(), "", Optional.of(Duration.ofMinutes(30))),
                        AttemptOutcome.RETRYABLE, DeliveryState.PENDING, NOW.plus(Duration.ofMinutes(30)), null),
                Arguments.of("429 Retry-After 2 days (capped)", DeliveryAttempt.answered(429, Map.of(), "", Optional.of(Duration.ofDays(2))),
                        AttemptOutcome.RETRYABLE, DeliveryState.PENDING, NOW.plus(Duration.ofHours(1)), null),
                Arguments.of("429 Retry-After shorter than planned", DeliveryAttempt.answered(429, Map.of(), "",
                        Optional.of(Duration.ofSeconds(5))), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("500", answer(500), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("503", answer(503), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("timeout", failure(AttemptFailure.TIMEOUT), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("connect timeout", failure(AttemptFailure.CONNECT_TIMEOUT), AttemptOutcome.RETRYABLE,
                        DeliveryState.PENDING, retry, null),
                Arguments.of("refused connection", failure(AttemptFailure.CONNECTION_REFUSED), AttemptOutcome.RETRYABLE,
                        DeliveryState.PENDING, retry, null),
                Arguments.of("reset", failure(AttemptFailure.CONNECTION_RESET), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("TLS failure", failure(AttemptFailure.TLS_FAILURE), AttemptOutcome.RETRYABLE, DeliveryState.PENDING, retry, null),
                Arguments.of("unresolved host", failure(AttemptFailure.UNRESOLVED_HOST), AttemptOutcome.RETRYABLE,
                        DeliveryState.PENDING, retry, null),
                Arguments.of("network error", failure(AttemptFailure.NETWORK_ERROR), AttemptOutcome.RETRYABLE,
                        DeliveryState.PENDING, retry, null),
                Arguments.of("open circuit", failure(AttemptFailure.CIRCUIT_OPEN), AttemptOutcome.RETRYABLE,
                        DeliveryState.PENDING, retry, null),
                Arguments.of("target refused by the address guard", failure(AttemptFailure.TARGET_REFUSED), AttemptOutcome.FINAL,
                        DeliveryState.FAILED, null, null),
                Arguments.of("unreadable secret", failure(AttemptFailure.SECRET_UNREADABLE), AttemptOutcome.HELD,
                        DeliveryState.PENDING, NOW.plus(DeliveryPolicy.HOLD), DisabledReasonCode.SECRET_UNREADABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOutcomeClass")
    void decidesEveryOutcomeClass(String name, DeliveryAttempt attempt, AttemptOutcome outcome, DeliveryState state,
                                  Instant nextAttemptAt, DisabledReasonCode disable) {
        DeliveryPolicy.Decision decision = POLICY.decide(0, attempt, FailureStreak.NONE, NOW);

        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.state()).isEqualTo(state);
        assertThat(decision.nextAttemptAt()).isEqualTo(Optional.ofNullable(nextAttemptAt));
        assertThat(decision.disableWebhook().map(DisabledReason::code)).isEqualTo(Optional.ofNullable(disable));
        assertThat(decision.attemptCounted()).isEqualTo(outcome != AttemptOutcome.HELD);
        assertThat(decision.statusMessage()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOutcomeClass")
    void aRetryableAttemptFailsForGoodOnceTheScheduleIsUsedUp(String name, DeliveryAttempt attempt, AttemptOutcome outcome,
                                                               DeliveryState state, Instant nextAttemptAt, DisabledReasonCode disable) {
        DeliveryPolicy.Decision third = POLICY.decide(2, attempt, FailureStreak.NONE, NOW);

        if (outcome == AttemptOutcome.RETRYABLE) {
            assertThat(third.state()).isEqualTo(DeliveryState.FAILED);
            assertThat(third.nextAttemptAt()).isEmpty();
            assertThat(third.streak().consecutiveFailures()).isEqualTo(1);
        } else {
            assertThat(third.state()).isEqualTo(state);
        }
    }

    @Test
    void tracksTheFailureStreak() {
        FailureStreak afterRetryable = POLICY.decide(0, answer(503), FailureStreak.NONE, NOW).streak();
        assertThat(afterRetryable).isEqualTo(new FailureStreak(0, Optional.of(NOW)));

        FailureStreak afterFinal = POLICY.decide(0, answer(404), afterRetryable, NOW.plusSeconds(60)).streak();
        assertThat(afterFinal).as("a delivery that failed for good adds to the streak; the streak keeps its start")
                .isEqualTo(new FailureStreak(1, Optional.of(NOW)));

        assertThat(POLICY.decide(0, answer(200), afterFinal, NOW).streak()).isEqualTo(FailureStreak.NONE);
        assertThat(POLICY.decide(0, failure(AttemptFailure.SECRET_UNREADABLE), afterFinal, NOW).streak())
                .as("nothing was sent").isEqualTo(afterFinal);
    }

    @Test
    void disablesAfterTooManyFailuresInARowOrFailingTooLong() {
        DeliveryPolicy strict = new DeliveryPolicy(SCHEDULE, 0, Duration.ofHours(1), new AutoDisableRules(3, Duration.ofDays(5)),
                () -> 0.5);
        FailureStreak two = new FailureStreak(2, Optional.of(NOW.minus(Duration.ofHours(1))));

        assertThat(strict.decide(0, answer(400), new FailureStreak(1, Optional.of(NOW)), NOW).disableWebhook()).isEmpty();
        assertThat(strict.decide(0, answer(400), two, NOW).disableWebhook().map(DisabledReason::code))
                .contains(DisabledReasonCode.CONSECUTIVE_FAILURES);
        assertThat(strict.decide(0, answer(503), two, NOW).disableWebhook()).as("still retrying: not for good").isEmpty();

        FailureStreak failingFiveDays = new FailureStreak(0, Optional.of(NOW.minus(Duration.ofDays(5))));
        assertThat(strict.decide(0, answer(503), failingFiveDays, NOW).disableWebhook().map(DisabledReason::code))
                .contains(DisabledReasonCode.FAILING_TOO_LONG);
        assertThat(strict.decide(0, answer(503), new FailureStreak(0, Optional.of(NOW.minus(Duration.ofDays(4)))), NOW)
                .disableWebhook()).isEmpty();
        assertThat(POLICY.decide(0, answer(400), new FailureStreak(1000, Optional.empty()), NOW).disableWebhook())
                .as("no streak limit by default").isEmpty();
    }

    @Test
    void spreadsRetriesByTheJitter() {
        DeliveryPolicy earliest = new DeliveryPolicy(SCHEDULE, 0.2, Duration.ofHours(1), AutoDisableRules.DEFAULT, () -> 0.0);
        DeliveryPolicy latest = new DeliveryPolicy(SCHEDULE, 0.2, Duration.ofHours(1), AutoDisableRules.DEFAULT, () -> 0.999_999);

        assertThat(earliest.decide(0, answer(500), FailureStreak.NONE, NOW).nextAttemptAt()).contains(NOW.plusSeconds(48));
        assertThat(latest.decide(0, answer(500), FailureStreak.NONE, NOW).nextAttemptAt()).contains(NOW.plusSeconds(72));
    }

    @Test
    void saysWhatHappenedInTheStatusMessage() {
        assertThat(POLICY.decide(0, answer(200), FailureStreak.NONE, NOW).statusMessage()).isEqualTo("delivered: HTTP 200");
        assertThat(POLICY.decide(0, answer(302), FailureStreak.NONE, NOW).statusMessage()).contains("redirects are not followed");
        assertThat(POLICY.decide(0, answer(503), FailureStreak.NONE, NOW).statusMessage()).isEqualTo("HTTP 503: will retry");
        assertThat(POLICY.decide(2, answer(503), FailureStreak.NONE, NOW).statusMessage()).isEqualTo("HTTP 503: retries used up");
        assertThat(POLICY.decide(0, failure(AttemptFailure.TIMEOUT), FailureStreak.NONE, NOW).statusMessage()).isEqualTo("what happened");
    }

    @Test
    void aResendIsFinalEitherWayAndLeavesTheWebhookAlone() {
        assertThat(POLICY.decideOnce(answer(200)).state()).isEqualTo(DeliveryState.SUCCEEDED);
        DeliveryPolicy.Decision gone = POLICY.decideOnce(answer(410));
        assertThat(gone.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(gone.disableWebhook()).isEmpty();
        assertThat(POLICY.decideOnce(answer(503)).nextAttemptAt()).isEmpty();
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> new FixedRetrySchedule(List.of(Duration.ofSeconds(-1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryPolicy(SCHEDULE, 1.0, Duration.ZERO, AutoDisableRules.DEFAULT, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AutoDisableRules(-1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FixedRetrySchedule.DEFAULT.delayAfter(9)).isEmpty();
        assertThat(FixedRetrySchedule.DEFAULT.delayAfter(1)).contains(Duration.ZERO);
    }
}
