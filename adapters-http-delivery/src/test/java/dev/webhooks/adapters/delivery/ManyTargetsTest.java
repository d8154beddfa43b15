package dev.webhooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.webhook.TargetPolicy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deliveries to 100,000 distinct targets whose names fail to resolve at once (no DNS, no network): each goes through
 * the circuit breakers and the connection pool, and neither they nor what a circuit listener keeps grow with them.
 */
@Timeout(120)
class ManyTargetsTest {
    private static final int TARGETS = 100_000;
    private static final int MAX_CIRCUITS = 1_000;
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final OpenCircuits listener = new OpenCircuits();
    private final TargetGuard unresolvable = new TargetGuard(new TargetPolicy(true, List.of()), name -> {
        throw new UnknownHostException(name);
    }, Duration.ofSeconds(5));

    @Test
    void breakersGaugesAndRoutePoolsStayBounded() {
        // every failure opens its target's circuit, so every target would get a gauge
        HttpDeliverySettings settings = HttpDeliverySettings.defaults().withCircuit(1, Duration.ofSeconds(30))
                .withCircuitBounds(MAX_CIRCUITS, Duration.ofMinutes(10));
        try (HttpDeliverySender sender = new HttpDeliverySender(unresolvable, settings, listener, Clock.systemUTC())) {
            long largestRoutes = 0;
            for (int i = 0; i < TARGETS; i++) {
                DeliveryAttempt attempt = sender.send(request("http://t" + i + ".many-targets.example.com/hook"));
                if (i == 0) {
                    assertThat(attempt.detail()).isEqualTo("host t0.many-targets.example.com could not be resolved");
                }
                if (i % 10 == 9) {
                    largestRoutes = Math.max(largestRoutes, sender.pooledRoutes());
                }
                if (i % 10_000 == 9_999) {
                    assertThat(sender.circuitCount()).as("breakers after %d targets", i + 1).isLessThanOrEqualTo(MAX_CIRCUITS);
                    assertThat(listener.open).as("open circuits after %d targets", i + 1).hasSizeLessThanOrEqualTo(MAX_CIRCUITS);
                }
            }

            assertThat(largestRoutes).as("route pools, swept every 1,000 new targets").isBetween(10L, 1_001L);
            assertThat(sender.circuitCount()).isEqualTo(MAX_CIRCUITS);
            assertThat(listener.open).hasSize(MAX_CIRCUITS);
            assertThat(listener.open.keySet()).isEqualTo(notClosed(sender.circuitStates()));
            assertThat(listener.opened).as("circuits opened").isEqualTo(TARGETS);
        }
    }

    @Test
    void routePoolsOfFailedTargetsStayUntilASweep() {
        try (HttpDeliverySender sender = new HttpDeliverySender(unresolvable, HttpDeliverySettings.defaults(), listener,
                Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) {
                sender.send(request("https://t" + i + ".few-targets.example.com/hook"));
            }
            assertThat(sender.pooledRoutes()).as("HttpCore keeps an empty route pool per target").isEqualTo(10);
            assertThat(sender.circuitStates()).hasSize(10);

            sender.sweepPools();

            assertThat(sender.pooledRoutes()).isZero();
        }
    }

    private static Set<String> notClosed(Map<String, String> states) {
        return states.entrySet().stream().filter(entry -> !entry.getValue().equals("CLOSED")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static DeliveryRequest request(String url) {
        return new DeliveryRequest("d-1", url, BODY, Map.of(), false, Duration.ofSeconds(5));
    }

    /** What a metrics listener would keep: one entry per target whose circuit is not closed. */
    private static final class OpenCircuits implements CircuitListener {
        final Map<String, Circuit> open = new ConcurrentHashMap<>();
        volatile int opened;

        @Override
        public synchronized void opened(Circuit circuit) {
            opened++;
            open.put(circuit.target(), circuit);
        }

        @Override
        public void closed(Circuit circuit) {
            open.remove(circuit.target(), circuit);
        }
    }
}
