package dev.webhooks.engine;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.port.EventLog;
import dev.webhooks.domain.webhook.WebhookId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event log that tells the engine which webhooks just got deliveries, once they are stored: the engine claims them
 * at once instead of at its next look at the queue.
 */
final class WakeOnIngest implements EventLog {
    private final EventLog eventLog;
    private final DeliveryEngine engine;

    WakeOnIngest(EventLog eventLog, DeliveryEngine engine) {
        this.eventLog = eventLog;
        this.engine = engine;
    }

    @Override
    public List<Boolean> append(List<CloudEvent> events, FanOut fanOut) {
        Map<WebhookId, DueWebhook> due = new ConcurrentHashMap<>();
        List<Boolean> fresh = eventLog.append(events, (event, subscribed) -> {
            List<Delivery> deliveries = fanOut.deliveriesFor(event, subscribed);
            deliveries.forEach(delivery -> due.putIfAbsent(delivery.webhookId(),
                    new DueWebhook(delivery.tenantId(), delivery.webhookId(), delivery.nextAttemptAt())));
            return deliveries;
        });
        if (!due.isEmpty()) {
            engine.due(due.values());
        }
        return fresh;
    }
}
