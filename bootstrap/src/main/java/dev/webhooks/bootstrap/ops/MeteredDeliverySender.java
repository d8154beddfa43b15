package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.port.DeliverySender;
import java.util.Map;

/**
 * Counts delivery attempts and times them ({@code deliveries.attempted}, {@code deliveries.latency}), and gives every target host a
 * {@code deliveries.circuit.<host>:<port>} gauge: 0 closed, 1 half-open, 2 open.
 */
public final class MeteredDeliverySender implements DeliverySender {
    private final DeliverySender sender;
    private final MetricRegistry metrics;
    private final java.util.function.Supplier<Map<String, String>> circuits;
    private final java.util.function.Function<java.net.URI, String> circuitKey;
    private final Timer latency;
    private final Meter attempted;
    private final java.util.Set<String> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public MeteredDeliverySender(DeliverySender sender, MetricRegistry metrics,
                                 java.util.function.Supplier<Map<String, String>> circuits,
                                 java.util.function.Function<java.net.URI, String> circuitKey) {
        this.sender = sender;
        this.metrics = metrics;
        this.circuits = circuits;
        this.circuitKey = circuitKey;
        this.latency = metrics.timer("deliveries.latency");
        this.attempted = metrics.meter("deliveries.attempted");
    }

    @Override
    public DeliveryAttempt send(DeliveryRequest request) {
        attempted.mark();
        watchCircuitOf(request.url());
        try (Timer.Context ignored = latency.time()) {
            return sender.send(request);
        }
    }

    /** Registers the gauge of a target's circuit the first time the target is sent to (a set lookup afterwards). */
    private void watchCircuitOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        if (uri.getHost() == null) {
            return;
        }
        String target = circuitKey.apply(uri);
        if (!watched.add(target)) {
            return;
        }
        try {
            metrics.register("deliveries.circuit." + target, (com.codahale.metrics.Gauge<Integer>) () ->
                    switch (circuits.get().getOrDefault(target, "CLOSED")) {
                        case "OPEN" -> 2;
                        case "HALF_OPEN" -> 1;
                        default -> 0;
                    });
        } catch (IllegalArgumentException registeredBefore) {
            // registered by an earlier sender on the same registry
        }
    }
}
