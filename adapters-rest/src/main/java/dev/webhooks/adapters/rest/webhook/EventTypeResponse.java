package dev.webhooks.adapters.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.webhooks.domain.webhook.EventType;
import dev.webhooks.domain.webhook.Level;
import java.util.List;

/** One entry of the event type catalog. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTypeResponse(String name, String title, String description, List<String> levels, String category) {

    public static EventTypeResponse from(EventType type) {
        List<String> levels = java.util.Arrays.stream(Level.values()).filter(type::supports).map(Level::wireName).toList();
        return new EventTypeResponse(type.name(), type.title(), type.description(), levels, type.category());
    }

    /** The catalog answer {@code {"data":[…]}}. */
    public record Catalog(List<EventTypeResponse> data) {
    }
}
