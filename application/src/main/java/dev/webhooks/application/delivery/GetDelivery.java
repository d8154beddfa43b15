package dev.webhooks.application.delivery;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.NotFoundException;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.webhook.Webhook;

/** Returns one delivery of a webhook the caller may see. */
public final class GetDelivery {
    private final GetWebhook getWebhook;
    private final DeliveryHistory history;

    public GetDelivery(GetWebhook getWebhook, DeliveryHistory history) {
        this.getWebhook = getWebhook;
        this.history = history;
    }

    public Delivery get(Caller caller, String webhookId, String deliveryId) {
        Webhook webhook = getWebhook.get(caller, webhookId);
        return DeliveryId.parse(deliveryId)
                .flatMap(id -> history.find(webhook.tenantId(), webhook.id(), id))
                .orElseThrow(() -> new NotFoundException(ErrorCode.DELIVERY_NOT_FOUND,
                        "no delivery with id '" + abbreviate(deliveryId) + "' for this webhook"));
    }

    private static String abbreviate(String id) {
        return id.length() > 64 ? id.substring(0, 64) + "…" : id;
    }
}
