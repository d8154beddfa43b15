package dev.webhooks.domain.delivery;

import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.EventEnvelope;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import java.util.Collection;
import java.util.List;

/**
 * Decides which webhooks receive an event: same tenant, enabled, subscribed to its type, filter true, and for
 * user-level webhooks an event that concerns the owner (its {@code ownerid} or {@code userid} is the owner). The
 * service's own event about a webhook ({@link WebhookStatusEvents}) never goes to that webhook.
 */
public final class EventMatcher {

    public boolean matches(CloudEvent event, Webhook webhook) {
        return webhook.tenantId().equals(event.tenantId())
                && webhook.enabled()
                && webhook.definition().eventTypes().contains(event.type())
                && webhook.definition().filterIfAny().map(filter -> filter.matches(event)).orElse(true)
                && concernsOwner(event, webhook)
                && !WebhookStatusEvents.isAbout(event, webhook.id());
    }

    /** One new delivery per matching webhook. */
    public List<Delivery> fanOut(CloudEvent event, Collection<Webhook> candidates, java.time.Instant now) {
        return fanOut(event, candidates, now, java.util.Optional.empty());
    }

    /**
     * One new delivery per matching webhook, carrying the trace context the event was published under. Each envelope
     * is rendered once per event and its bytes shared by the deliveries (they are never modified).
     */
    public List<Delivery> fanOut(CloudEvent event, Collection<Webhook> candidates, java.time.Instant now,
                                 java.util.Optional<String> traceparent) {
        java.util.Map<EventEnvelope, byte[]> bodies = new java.util.EnumMap<>(EventEnvelope.class);
        return candidates.stream().filter(webhook -> matches(event, webhook))
                .map(webhook -> Delivery.of(event, webhook, now, traceparent,
                        bodies.computeIfAbsent(Delivery.envelopeOf(webhook), envelope -> envelope.render(event))))
                .toList();
    }

    private static boolean concernsOwner(CloudEvent event, Webhook webhook) {
        if (webhook.level() != Level.USER) {
            return true;
        }
        String owner = webhook.ownerId();
        return event.ownerId().map(owner::equals).orElse(false) || event.userId().map(owner::equals).orElse(false);
    }
}
