package dev.webhooks.domain.port;

import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;

/** Makes one delivery attempt over HTTP. Never throws for what the target or the network did: that is the attempt's outcome. */
public interface DeliverySender {
    DeliveryAttempt send(DeliveryRequest request);
}
