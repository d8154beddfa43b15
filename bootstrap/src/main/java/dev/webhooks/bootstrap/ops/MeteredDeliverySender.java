package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.port.DeliverySender;

/**
 * Counts delivery attempts and times them ({@code deliveries.attempted}, {@code deliveries.latency}); outcomes are
 * {@link AttemptReporting}'s, the per-target circuit gauges {@link CircuitGauges}'.
 */
public final class MeteredDeliverySender implements DeliverySender {
    private final DeliverySender sender;
    private final Timer latency;
    private final Meter attempted;

    public MeteredDeliverySender(DeliverySender sender, MetricRegistry metrics) {
        this.sender = sender;
        this.latency = metrics.timer("deliveries.latency");
        this.attempted = metrics.meter("deliveries.attempted");
    }

    @Override
    public DeliveryAttempt send(DeliveryRequest request) {
        attempted.mark();
        try (Timer.Context ignored = latency.time()) {
            return sender.send(request);
        }
    }
}
