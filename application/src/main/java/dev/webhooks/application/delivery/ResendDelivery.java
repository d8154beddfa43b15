package dev.webhooks.application.delivery;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.OutgoingRequest;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.port.DeliverySender;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends a delivery's original body again, now, with the webhook's current URL, headers, secret and certificate
 * settings, and stores the attempt as a new delivery, which is returned whether it succeeded or failed.
 */
public final class ResendDelivery {
    private final GetWebhook getWebhook;
    private final GetDelivery getDelivery;
    private final DeliveryHistory history;
    private final DeliverySender sender;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final Duration timeout;

    public ResendDelivery(GetWebhook getWebhook, DeliveryHistory history, DeliverySender sender, DeliveryPolicy policy,
                          Clock clock, Duration timeout) {
        this.getWebhook = getWebhook;
        this.getDelivery = new GetDelivery(getWebhook, history);
        this.history = history;
        this.sender = sender;
        this.policy = policy;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Delivery resend(Caller caller, String webhookId, String deliveryId) {
        Delivery original = getDelivery.get(caller, webhookId, deliveryId);
        Webhook webhook = getWebhook.get(caller, webhookId);
        Instant now = clock.instant();
        Delivery copy = new Delivery(DeliveryId.at(now), original.tenantId(), original.webhookId(), original.eventId(),
                original.eventType(), now, original.body(), DeliveryState.PENDING, 0, null, Optional.empty(), original.traceparent());
        OutgoingRequest outgoing = OutgoingRequest.of(copy, webhook, now, timeout);
        DeliveryAttempt attempt = sender.send(outgoing.request());
        DeliveryPolicy.Decision decision = policy.decideOnce(attempt);
        RecordedAttempt recorded = RecordedAttempt.of(now, outgoing, attempt, decision.statusMessage());
        Delivery resent = new Delivery(copy.id(), copy.tenantId(), copy.webhookId(), copy.eventId(), copy.eventType(),
                now, copy.body(), decision.state(), 1, null, Optional.of(recorded), copy.traceparent());
        history.insertAttempted(resent);
        return resent;
    }
}
