package dev.webhooks.domain.event.json;

import java.math.BigDecimal;
import java.util.Objects;

/** A JSON number that keeps its original text exactly, so it is written back unchanged. */
public record JsonNumber(String text) implements JsonValue {

    public JsonNumber {
        Objects.requireNonNull(text, "text");
        if (NumberGrammar.scan(text, 0) != text.length()) {
            throw new IllegalArgumentException("not a JSON number: " + text);
        }
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    public BigDecimal toBigDecimal() {
        return new BigDecimal(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
