package dev.webhooks.domain.event.json;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict, single-use RFC 8259 parser; recursion is bounded by {@link Json#MAX_DEPTH}. */
final class JsonParser {

    private final String in;
    private int pos;

    JsonParser(String in) {
        this.in = in == null ? "" : in;
    }

    JsonValue parseDocument() {
        skipWhitespace();
        JsonValue value = parseValue(0);
        skipWhitespace();
        if (pos < in.length()) {
            throw error("unexpected trailing content " + describe(in.charAt(pos)), pos);
        }
        return value;
    }

    private JsonValue parseValue(int depth) {
        if (pos >= in.length()) {
            throw error("unexpected end of input", pos);
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{':
                return parseObject(depth + 1);
            case '[':
                return parseArray(depth + 1);
            case '"':
                return new JsonString(parseString());
            case 't':
                return literal("true", JsonBoolean.TRUE);
            case 'f':
                return literal("false", JsonBoolean.FALSE);
            case 'n':
                return literal("null", JsonNull.INSTANCE);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return parseNumber();
                }
                throw error("unexpected character " + describe(c), pos);
        }
    }

    private JsonObject parseObject(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (tryConsume('}')) {
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            int keyPos = pos;
            if (pos >= in.length() || in.charAt(pos) != '"') {
                throw expected("a string key");
            }
            String key = parseString();
            if (members.containsKey(key)) {
                throw error("duplicate key " + quoted(key), keyPos);
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, parseValue(depth));
            if (endOfContainer('}')) {
                return new JsonObject(members);
            }
        }
    }

    private JsonArray parseArray(int depth) {
        checkDepth(depth);
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (tryConsume(']')) {
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(parseValue(depth));
            if (endOfContainer(']')) {
                return new JsonArray(elements);
            }
        }
    }

    /** After a member or element: consumes ',' (returning false) or the closing bracket (returning true). */
    private boolean endOfContainer(char close) {
        skipWhitespace();
        if (tryConsume(close)) {
            return true;
        }
        int commaPos = pos;
        if (!tryConsume(',')) {
            throw expected("',' or '" + close + "'");
        }
        skipWhitespace();
        if (pos < in.length() && in.charAt(pos) == close) {
            throw error("trailing comma", commaPos);
        }
        return false;
    }

    private void checkDepth(int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw error("nesting deeper than " + Json.MAX_DEPTH, pos);
        }
    }

    private String parseString() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                throw error("unterminated string starting", start);
            }
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            } else if (c == '\\') {
                parseEscape(sb);
            } else if (c < 0x20) {
                throw error("unescaped control character " + describe(c) + " in string", pos);
            } else if (Character.isSurrogate(c)) {
                appendRawSurrogatePair(sb);
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private void appendRawSurrogatePair(StringBuilder sb) {
        char high = in.charAt(pos);
        if (Character.isHighSurrogate(high) && pos + 1 < in.length() && Character.isLowSurrogate(in.charAt(pos + 1))) {
            sb.append(high).append(in.charAt(pos + 1));
            pos += 2;
            return;
        }
        throw error("unpaired surrogate " + describe(high) + " in string", pos);
    }

    private void parseEscape(StringBuilder sb) {
        int escapePos = pos;
        pos++;
        if (pos >= in.length()) {
            throw error("unexpected end of input", pos);
        }
        char c = in.charAt(pos++);
        switch (c) {
            case '"', '\\', '/' -> sb.append(c);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> appendUnicodeEscape(sb, escapePos);
            default -> throw error("invalid escape sequence", escapePos);
        }
    }

    private void appendUnicodeEscape(StringBuilder sb, int escapePos) {
        char c = hex4(escapePos);
        if (Character.isLowSurrogate(c)) {
            throw error("unpaired surrogate escape", escapePos);
        }
        if (Character.isHighSurrogate(c)) {
            int lowPos = pos;
            if (!in.startsWith("\\u", pos)) {
                throw error("unpaired surrogate escape", escapePos);
            }
            pos += 2;
            char low = hex4(lowPos);
            if (!Character.isLowSurrogate(low)) {
                throw error("unpaired surrogate escape", escapePos);
            }
            sb.append(c).append(low);
            return;
        }
        sb.append(c);
    }

    private char hex4(int escapePos) {
        if (pos + 4 > in.length()) {
            throw error("invalid unicode escape", escapePos);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexValue(in.charAt(pos + i));
            if (digit < 0) {
                throw error("invalid unicode escape", escapePos);
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private JsonNumber parseNumber() {
        int start = pos;
        int end = NumberGrammar.scan(in, start);
        if (end < 0) {
            throw error("invalid number", -end - 1);
        }
        if (end < in.length() && in.charAt(end) >= '0' && in.charAt(end) <= '9') {
            throw error("invalid number (leading zero)", start);
        }
        pos = end;
        return new JsonNumber(in.substring(start, end));
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!in.startsWith(word, pos)) {
            throw error("invalid literal (expected '" + word + "')", pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw expected("'" + c + "'");
        }
    }

    private boolean tryConsume(char c) {
        if (pos < in.length() && in.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private InvalidInputException expected(String what) {
        String found = pos >= in.length() ? "end of input" : describe(in.charAt(pos));
        return error("expected " + what + " but found " + found, pos);
    }

    private void skipWhitespace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String describe(char c) {
        if (c > 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private static String quoted(String key) {
        String text = Json.write(new JsonString(key));
        return text.length() <= 64 ? text : text.substring(0, 60) + "...\"";
    }

    private static InvalidInputException error(String what, int position) {
        return new InvalidInputException(ErrorCode.MALFORMED_JSON, what + " at position " + position);
    }
}
