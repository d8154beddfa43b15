package dev.webhooks.application.delivery;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryQuery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.webhook.Webhook;
import java.util.Optional;

/** Lists the deliveries of a webhook the caller may see. */
public final class ListDeliveries {
    private final GetWebhook getWebhook;
    private final DeliveryHistory history;

    public ListDeliveries(GetWebhook getWebhook, DeliveryHistory history) {
        this.getWebhook = getWebhook;
        this.history = history;
    }

    public Page<Delivery> list(Caller caller, String webhookId, Optional<String> eventType, Optional<String> status,
                               DeliverySort sort, PageRequest page) {
        Webhook webhook = getWebhook.get(caller, webhookId);
        return history.list(new DeliveryQuery(webhook.tenantId(), webhook.id(), eventType, status), sort, page);
    }
}
