package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.AttemptOutcome;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryPolicy.Decision;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reports recorded attempts: {@code deliveries.outcome.<outcome>} meters, the {@code deliveries.event-to-delivery-lag-ms}
 * histogram (accepting an event to its successful delivery, retries included), a DEBUG line per attempt under the
 * trace id the event was published with, and an INFO line for every webhook the service disabled.
 */
public final class AttemptReporting implements RecordAttempts.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.webhooks.deliveries");

    private final Histogram lag;
    private final Map<AttemptOutcome, Meter> outcomes = new EnumMap<>(AttemptOutcome.class);

    public AttemptReporting(MetricRegistry metrics) {
        this.lag = metrics.histogram("deliveries.event-to-delivery-lag-ms");
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            outcomes.put(outcome, metrics.meter("deliveries.outcome." + outcome.name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public void recorded(Finished attempt, Decision decision) {
        Delivery delivery = attempt.claimed().delivery();
        long millis = Math.max(0, Duration.between(delivery.triggeredAt(), attempt.finishedAt()).toMillis());
        outcomes.get(decision.outcome()).mark();
        if (decision.outcome() == AttemptOutcome.SUCCESS) {
            lag.update(millis);
        }
        if (LOG.isDebugEnabled()) {
            delivery.traceparent().ifPresent(trace -> MDC.put("traceId", trace.substring(3, 35)));
            try {
                LOG.debug("delivery {} of webhook {}: {} ({}), {} ms after the event", delivery.id(), delivery.webhookId(),
                        decision.outcome(), decision.statusMessage(), millis);
            } finally {
                MDC.remove("traceId");
            }
        }
    }

    @Override
    public void webhookDisabled(String tenantId, WebhookId webhookId, DisabledReason reason) {
        LOG.info("webhook {} of tenant {} disabled: {} ({})", webhookId, tenantId, reason.code(), reason.message());
    }
}
