package dev.webhooks.domain.port;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.webhook.Webhook;
import java.util.List;

/** Stores published events together with their deliveries, atomically. */
public interface EventLog {

    /**
     * In one transaction: stores every event not stored before (same tenant, source and id) and the deliveries
     * {@code fanOut} makes for it from the webhooks subscribed to its tenant and type. Nothing is stored if anything
     * fails. Returns, per event in order, whether it was new (false for a repeat, which gets no deliveries).
     */
    List<Boolean> append(List<CloudEvent> events, FanOut fanOut);

    /** Turns an event and the webhooks subscribed to its tenant and type into deliveries. */
    @FunctionalInterface
    interface FanOut {
        List<Delivery> deliveriesFor(CloudEvent event, List<Webhook> subscribed);
    }
}
