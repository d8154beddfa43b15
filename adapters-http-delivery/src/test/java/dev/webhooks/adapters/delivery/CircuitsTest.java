package dev.webhooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerBuilder;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger newTargets = new AtomicInteger();
    private final CircuitListener listener = new CircuitListener() {
        @Override
        public void opened(Circuit circuit) {
            events.add("opened " + circuit.target());
        }

        @Override
        public void closed(Circuit circuit) {
            events.add("closed " + circuit.target());
        }
    };
    private final Circuits circuits = new Circuits(
            HttpDeliverySettings.defaults().withCircuit(1, Duration.ofSeconds(30)).withCircuitBounds(3, Duration.ofMinutes(10)),
            CircuitsTest::breaker, listener, newTargets::incrementAndGet, nanos::get);

    @Test
    void keepsOneBreakerPerTargetAndCountsNewTargets() {
        CircuitBreaker<DeliveryAttempt> first = circuits.breakerOf("a:443");

        assertThat(circuits.breakerOf("a:443")).isSameAs(first);
        assertThat(circuits.breakerOf("a:8443")).isNotSameAs(first);
        assertThat(newTargets).hasValue(2);
        assertThat(circuits.states()).containsEntry("a:443", "CLOSED").containsEntry("a:8443", "CLOSED");
        assertThat(events).isEmpty();
    }

    @Test
    void tellsWhenACircuitOpensAndClosesAgain() {
        CircuitBreaker<DeliveryAttempt> breaker = circuits.breakerOf("a:443");
        breaker.recordFailure();
        assertThat(circuits.states()).containsEntry("a:443", "OPEN");

        breaker.halfOpen();
        breaker.recordSuccess();

        assertThat(circuits.states()).containsEntry("a:443", "CLOSED");
        assertThat(events).containsExactly("opened a:443", "closed a:443");
    }

    @Test
    void forgetsIdleBreakersAndTellsForTheOpenOnes() {
        circuits.breakerOf("open:443").recordFailure();
        circuits.breakerOf("closed:443");

        nanos.addAndGet(Duration.ofMinutes(11).toNanos());

        assertThat(circuits.size()).isZero();
        assertThat(events).containsExactly("opened open:443", "closed open:443");
        assertThat(circuits.breakerOf("open:443").isClosed()).as("made again, closed").isTrue();
    }

    @Test
    void keepsAtMostMaxCircuitsAndTellsForTheOpenOnesDropped() {
        for (int i = 0; i < 100; i++) {
            circuits.breakerOf("t" + i + ":443").recordFailure();
        }

        assertThat(circuits.size()).isEqualTo(3);
        assertThat(events.stream().filter(event -> event.startsWith("opened"))).hasSize(100);
        assertThat(events.stream().filter(event -> event.startsWith("closed"))).hasSize(97);
    }

    @Test
    void aBreakerOpeningAfterItWasForgottenIsNotReported() {
        CircuitBreaker<DeliveryAttempt> old = circuits.breakerOf("a:443");
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        circuits.size();

        old.recordFailure();

        assertThat(old.isOpen()).isTrue();
        assertThat(events).isEmpty();
    }

    private static CircuitBreakerBuilder<DeliveryAttempt> breaker() {
        return CircuitBreaker.<DeliveryAttempt>builder().withFailureThreshold(1).withDelay(Duration.ofSeconds(30));
    }
}
