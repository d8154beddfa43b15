package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.domain.webhook.EventType;
import dev.webhooks.domain.webhook.Level;
import jakarta.validation.constraints.NotEmpty;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An event type an operator adds to the built-in catalog in configuration. */
public class EventTypeSettings {
    @NotEmpty
    private String name;
    private String title;
    private String description;
    private String category;
    @NotEmpty
    private List<String> levels = List.of("tenant", "user");

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public void setTitle(String title) {
        this.title = title;
    }

    @JsonProperty
    public void setDescription(String description) {
        this.description = description;
    }

    @JsonProperty
    public void setCategory(String category) {
        this.category = category;
    }

    @JsonProperty
    public void setLevels(List<String> levels) {
        this.levels = levels;
    }

    public EventType toEventType() {
        Set<Level> parsed = new LinkedHashSet<>();
        levels.forEach(level -> parsed.add(Level.fromWireName("eventTypes.levels", level)));
        return new EventType(name, title == null ? name : title, description == null ? "" : description, parsed, category);
    }
}
