package dev.webhooks.domain.event.json;

/** The JSON {@code null} literal. */
public enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public String toString() {
        return "null";
    }
}
