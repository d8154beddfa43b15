package dev.webhooks.application.event;

import dev.webhooks.domain.event.EventType;
import dev.webhooks.domain.event.EventTypeCatalog;
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
