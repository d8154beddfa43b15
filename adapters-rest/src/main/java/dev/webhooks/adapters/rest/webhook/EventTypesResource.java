package dev.webhooks.adapters.rest.webhook;

import dev.webhooks.application.webhook.ListEventTypes;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/webhooks/event-types}: the event types webhooks can subscribe to. */
@Path("/api/v1/webhooks/event-types")
@Produces(MediaType.APPLICATION_JSON)
public final class EventTypesResource {
    private final ListEventTypes listEventTypes;

    public EventTypesResource(ListEventTypes listEventTypes) {
        this.listEventTypes = listEventTypes;
    }

    @GET
    @Timed(name = "api.event-types.list", absolute = true)
    public EventTypeResponse.Catalog list() {
        return new EventTypeResponse.Catalog(listEventTypes.list().stream().map(EventTypeResponse::from).toList());
    }
}
