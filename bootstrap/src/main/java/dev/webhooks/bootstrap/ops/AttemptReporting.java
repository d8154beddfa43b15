package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import dev.webhooks.application.delivery.DispatchDeliveries;
import dev.webhooks.domain.delivery.AttemptOutcome;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reports finished attempts: the {@code deliveries.event-to-delivery-lag-ms} histogram (accepting an event to its
 * successful delivery, retries included) and a DEBUG line per attempt under the trace id the event was published with.
 */
public final class AttemptReporting implements DispatchDeliveries.AttemptListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.webhooks.deliveries");

    private final Histogram lag;

    public AttemptReporting(MetricRegistry metrics) {
        this.lag = metrics.histogram("deliveries.event-to-delivery-lag-ms");
    }

    @Override
    public void attempted(Delivery delivery, DeliveryAttempt attempt, Instant finishedAt) {
        long millis = Math.max(0, Duration.between(delivery.triggeredAt(), finishedAt).toMillis());
        if (attempt.outcome() == AttemptOutcome.SUCCESS) {
            lag.update(millis);
        }
        if (LOG.isDebugEnabled()) {
            delivery.traceparent().ifPresent(trace -> MDC.put("traceId", trace.substring(3, 35)));
            try {
                LOG.debug("delivery {} of webhook {}: {} ({}), {} ms after the event", delivery.id(), delivery.webhookId(),
                        attempt.outcome(), attempt.statusMessage(), millis);
            } finally {
                MDC.remove("traceId");
            }
        }
    }
}
