package dev.webhooks.domain.event.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A JSON object whose members keep their insertion order and cannot be modified. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    private static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
        members.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        members = Collections.unmodifiableMap(copy);
    }

    public static JsonObject empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /** Returns the member's value when it is a JSON string. */
    public Optional<String> getString(String name) {
        return get(name).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public int size() {
        return members.size();
    }

    @Override
    public String toString() {
        return Json.write(this);
    }

    /** Collects members in order; a later put of the same name replaces the value in place. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String name, JsonValue value) {
            members.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder put(String name, String value) {
            return put(name, new JsonString(value));
        }

        public Builder putAll(Map<String, JsonValue> values) {
            values.forEach(this::put);
            return this;
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
