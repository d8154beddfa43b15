package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.webhooks.domain.delivery.AttemptOutcome;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.port.DeliverySender;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts delivery attempts by outcome and times them ({@code deliveries.*} metrics); the per-target circuit gauges
 * are {@link CircuitGauges}'.
 */
public final class MeteredDeliverySender implements DeliverySender {
    private final DeliverySender sender;
    private final Timer latency;
    private final Meter attempted;
    private final Map<AttemptOutcome, Meter> outcomes = new EnumMap<>(AttemptOutcome.class);

    public MeteredDeliverySender(DeliverySender sender, MetricRegistry metrics) {
        this.sender = sender;
        this.latency = metrics.timer("deliveries.latency");
        this.attempted = metrics.meter("deliveries.attempted");
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            outcomes.put(outcome, metrics.meter("deliveries.outcome." + outcome.name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public DeliveryAttempt send(DeliveryRequest request) {
        attempted.mark();
        try (Timer.Context ignored = latency.time()) {
            DeliveryAttempt attempt = sender.send(request);
            outcomes.get(attempt.outcome()).mark();
            return attempt;
        }
    }
}
