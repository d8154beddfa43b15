package dev.webhooks.domain.delivery;

import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.EventEnvelope;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one webhook. The body is rendered once, at fan-out, in the webhook's envelope, so every
 * retry and resend sends the same bytes.
 */
public record Delivery(DeliveryId id, String tenantId, WebhookId webhookId, String eventId, String eventType,
                       Instant triggeredAt, byte[] body, DeliveryState state, int attempts, Instant nextAttemptAt,
                       Optional<RecordedAttempt> lastAttempt, Optional<String> traceparent) {

    private static final java.util.regex.Pattern TRACEPARENT =
            java.util.regex.Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(state, "state");
        lastAttempt = lastAttempt == null ? Optional.empty() : lastAttempt;
        traceparent = traceparent == null ? Optional.empty() : traceparent;
    }

    /**
     * A new delivery of {@code event} to {@code webhook}, due at once, carrying the W3C trace context it was
     * published under (or else the event's own {@code traceparent} attribute) to the receiver.
     */
    public static Delivery of(CloudEvent event, Webhook webhook, Instant now, Optional<String> traceparent) {
        return of(event, webhook, now, traceparent, envelopeOf(webhook).render(event));
    }

    /** As {@link #of(CloudEvent, Webhook, Instant, Optional)}, with the body already rendered in the webhook's envelope. */
    static Delivery of(CloudEvent event, Webhook webhook, Instant now, Optional<String> traceparent, byte[] body) {
        return new Delivery(DeliveryId.at(now), webhook.tenantId(), webhook.id(), event.id(), event.type(), now,
                body, DeliveryState.PENDING, 0, now, Optional.empty(),
                traceparent.or(() -> event.extension("traceparent")).filter(Delivery::isTraceparent));
    }

    /** A new delivery of the same event and exact body, due at {@code now}: this failed one sent again by a recovery. */
    public Delivery sentAgainAt(Instant now) {
        return new Delivery(DeliveryId.at(now), tenantId, webhookId, eventId, eventType, now, body, DeliveryState.PENDING, 0,
                now, Optional.empty(), traceparent);
    }

    /** The envelope a webhook receives events in. */
    public static EventEnvelope envelopeOf(Webhook webhook) {
        return webhook.definition().enableCloudEventDelivery() ? EventEnvelope.CLOUD_EVENTS : EventEnvelope.LEGACY;
    }

    /** Whether a value is a W3C {@code traceparent} (version 00). */
    public static boolean isTraceparent(String value) {
        return TRACEPARENT.matcher(value).matches();
    }

    /** The status the API reports: success once delivered, fail otherwise (also while retries are pending). */
    public String apiStatus() {
        return state == DeliveryState.SUCCEEDED ? "success" : "fail";
    }

    @Override
    public String toString() {
        return "Delivery[id=" + id + ", webhookId=" + webhookId + ", eventType=" + eventType + ", state=" + state
                + ", attempts=" + attempts + "]";
    }
}
