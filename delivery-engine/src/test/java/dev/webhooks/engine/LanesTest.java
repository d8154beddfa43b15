package dev.webhooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slots, turns and the slow lane, and that nothing per webhook outlives its attempts or grows without bound. */
class LanesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    private final Lanes lanes = new Lanes(new EngineSettings(4, 2, 1, Duration.ofSeconds(2), Duration.ofMinutes(1),
            Duration.ofMillis(100), Duration.ofMillis(10), Duration.ZERO));

    private static Claimed claimed(Webhook webhook) {
        Delivery delivery = new EventMatcher().fanOut(WebhookFixtures.event(webhook.tenantId(), "e"), List.of(webhook), NOW).get(0);
        return new Claimed(delivery, Optional.of(webhook));
    }

    private static DeliveryAttempt answered() {
        return DeliveryAttempt.answered(200, Map.of(), "", Optional.empty());
    }

    @Test
    void aFinishedAttemptHandsItsSlotToTheWebhooksNextWaitingDelivery() {
        Webhook webhook = WebhookFixtures.webhook("t");
        Lanes.Running first = lanes.admit(claimed(webhook), 0).attempt().orElseThrow();
        lanes.admit(claimed(webhook), 0);
        Lanes.Admission third = lanes.admit(claimed(webhook), 0);
        assertThat(third.kind()).isEqualTo(Lanes.Admission.Kind.WAIT);

        Lanes.Finish finish = lanes.finished(first, Optional.of(answered()), SECOND / 10);

        assertThat(finish.next()).isPresent();
        assertThat(lanes.inFlight()).isEqualTo(2);
    }

    @Test
    void aLongAttemptGivesItsFastSlotBackAndItsWebhookGoesToTheSlowLane() {
        Webhook hanging = WebhookFixtures.webhook("t");
        Lanes.Running attempt = lanes.admit(claimed(hanging), 0).attempt().orElseThrow();
        lanes.admit(claimed(hanging), 0);
        Lanes.Admission waiting = lanes.admit(claimed(hanging), 0);
        assertThat(waiting.kind()).isEqualTo(Lanes.Admission.Kind.WAIT);

        List<Claimed> handedBack = lanes.moveLongAttemptsToOvertime(3 * SECOND);

        assertThat(handedBack).as("a slow webhook keeps no deliveries waiting").hasSize(1);
        assertThat(lanes.saturated()).isFalse();
        assertThat(lanes.admit(claimed(hanging), 3 * SECOND).kind()).as("its running attempts already fill its turns")
                .isEqualTo(Lanes.Admission.Kind.HAND_BACK);
        lanes.finished(attempt, Optional.of(DeliveryAttempt.failed(AttemptFailure.TIMEOUT, "timed out")), 10 * SECOND);
        Lanes.Admission slowLane = lanes.admit(claimed(hanging), 10 * SECOND);
        assertThat(slowLane.kind()).isEqualTo(Lanes.Admission.Kind.START);
        assertThat(lanes.admit(claimed(WebhookFixtures.webhook("t")), 10 * SECOND).kind()).as("fast slots are free for others")
                .isEqualTo(Lanes.Admission.Kind.START);
    }

    @Test
    void aQuickAnswerMakesASlowWebhookFastAgain() {
        Webhook webhook = WebhookFixtures.webhook("t");
        Lanes.Running timedOut = lanes.admit(claimed(webhook), 0).attempt().orElseThrow();
        lanes.finished(timedOut, Optional.of(DeliveryAttempt.failed(AttemptFailure.TIMEOUT, "timed out")), 10 * SECOND);
        Lanes.Running probe = lanes.admit(claimed(webhook), 10 * SECOND).attempt().orElseThrow();
        assertThat(lanes.admit(claimed(webhook), 10 * SECOND).kind()).as("one slow-lane slot only")
                .isEqualTo(Lanes.Admission.Kind.HAND_BACK);

        lanes.finished(probe, Optional.of(answered()), 10 * SECOND + SECOND / 10);

        assertThat(lanes.admit(claimed(webhook), 11 * SECOND).kind()).isEqualTo(Lanes.Admission.Kind.START);
        assertThat(lanes.admit(claimed(webhook), 11 * SECOND).kind()).as("fast again: its full turns")
                .isEqualTo(Lanes.Admission.Kind.START);
    }

    @Test
    void perWebhookStructuresStayBoundedAcross100000Webhooks() {
        for (int i = 0; i < 100_000; i++) {
            Webhook webhook = WebhookFixtures.webhook("t" + (i % 100));
            Lanes.Admission admission = lanes.admit(claimed(webhook), i);
            lanes.finished(admission.attempt().orElseThrow(), Optional.of(DeliveryAttempt.failed(AttemptFailure.TIMEOUT, "timed out")),
                    i + 1);
        }

        assertThat(lanes.size()).as("lanes live only while they have attempts").isZero();
        assertThat(lanes.slowMarks()).isLessThanOrEqualTo(Lanes.MAX_SLOW_MARKS);
        assertThat(lanes.inFlight()).isZero();
    }
}
