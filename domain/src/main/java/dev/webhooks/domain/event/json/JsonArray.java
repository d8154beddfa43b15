package dev.webhooks.domain.event.json;

import java.util.List;

/** An unmodifiable JSON array. */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    public JsonArray {
        elements = List.copyOf(elements);
    }

    public static JsonArray of(JsonValue... elements) {
        return new JsonArray(List.of(elements));
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
