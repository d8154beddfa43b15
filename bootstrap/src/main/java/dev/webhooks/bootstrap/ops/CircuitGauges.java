package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.webhooks.adapters.delivery.Circuit;
import dev.webhooks.adapters.delivery.CircuitListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@code deliveries.circuit.<host>:<port>} gauge (2 open, 1 half-open) for each target whose circuit is not closed:
 * registered when the circuit opens, removed when it closes or its breaker is forgotten, so the registry holds at most
 * as many of them as the sender keeps breakers, instead of one for every target ever called.
 */
public final class CircuitGauges implements CircuitListener {
    private static final String PREFIX = "deliveries.circuit.";

    private final MetricRegistry metrics;
    private final ConcurrentMap<String, Circuit> notClosed = new ConcurrentHashMap<>();

    public CircuitGauges(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void opened(Circuit circuit) {
        notClosed.compute(circuit.target(), (target, previous) -> {
            if (previous == null) {
                register(target);
            }
            return circuit;
        });
    }

    @Override
    public void closed(Circuit circuit) {
        // only the circuit the gauge shows: a forgotten breaker's notice must not remove the gauge of its successor
        notClosed.computeIfPresent(circuit.target(), (target, shown) -> {
            if (shown != circuit) {
                return shown;
            }
            metrics.remove(PREFIX + target);
            return null;
        });
    }

    /** How many targets have a gauge. */
    public int size() {
        return notClosed.size();
    }

    private void register(String target) {
        try {
            metrics.register(PREFIX + target, (Gauge<Integer>) () -> level(target));
        } catch (IllegalArgumentException registeredBefore) {
            // another listener on the same registry shows this target already
        }
    }

    private int level(String target) {
        Circuit circuit = notClosed.get(target);
        String state = circuit == null ? "CLOSED" : circuit.state();
        return switch (state) {
            case "OPEN" -> 2;
            case "HALF_OPEN" -> 1;
            default -> 0;
        };
    }
}
