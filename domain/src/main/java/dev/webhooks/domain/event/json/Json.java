package dev.webhooks.domain.event.json;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.Iterator;
import java.util.Map;

/** Strict RFC 8259 parsing and compact writing of {@link JsonValue}s. */
public final class Json {

    /** The deepest nesting of objects and arrays that {@link #parse(String)} accepts. */
    public static final int MAX_DEPTH = 100;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * Parses one JSON text.
     *
     * @throws InvalidInputException with {@link ErrorCode#MALFORMED_JSON} and "what at position N"
     */
    public static JsonValue parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    /** Parses one JSON text that must be an object. */
    public static JsonObject parseObject(String text) {
        JsonValue value = parse(text);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidInputException(ErrorCode.MALFORMED_JSON, "expected a JSON object at position 0");
    }

    /** Writes the value as compact JSON; control characters become \\u00XX, other characters are kept. */
    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(JsonValue value, StringBuilder sb) {
        if (value instanceof JsonObject object) {
            writeObject(object.members(), sb);
        } else if (value instanceof JsonArray array) {
            writeArray(array, sb);
        } else if (value instanceof JsonString string) {
            writeString(string.value(), sb);
        } else if (value instanceof JsonNumber number) {
            sb.append(number.text());
        } else if (value instanceof JsonBoolean bool) {
            sb.append(bool.value());
        } else {
            sb.append("null");
        }
    }

    private static void writeObject(Map<String, JsonValue> members, StringBuilder sb) {
        sb.append('{');
        Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonValue> member = it.next();
            writeString(member.getKey(), sb);
            sb.append(':');
            write(member.getValue(), sb);
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        sb.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < array.elements().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            write(array.elements().get(i), sb);
        }
        sb.append(']');
    }

    private static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            appendEscaped(s.charAt(i), sb);
        }
        sb.append('"');
    }

    private static void appendEscaped(char c, StringBuilder sb) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c < 0x20) {
                    sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
