package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.util.Set;

/** A kind of event that webhooks can subscribe to, with the webhook levels it is offered at. */
public record EventType(String name, String title, String description, Set<Level> levels, String category) {
    public EventType {
        if (name == null || name.isBlank()) {
            throw InvalidInputException.field("eventType.name", "is required");
        }
        if (levels == null || levels.isEmpty()) {
            throw InvalidInputException.field("eventType.levels", "must name at least one level");
        }
        levels = Set.copyOf(levels);
    }

    public boolean supports(Level level) {
        return levels.contains(level);
    }
}
