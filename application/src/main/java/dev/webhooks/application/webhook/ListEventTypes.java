package dev.webhooks.application.webhook;

import dev.webhooks.domain.webhook.EventType;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import java.util.List;

/** Lists the event types webhooks can subscribe to. */
public final class ListEventTypes {
    private final EventTypeCatalog catalog;

    public ListEventTypes(EventTypeCatalog catalog) {
        this.catalog = catalog;
    }

    public List<EventType> list() {
        return catalog.all();
    }
}
