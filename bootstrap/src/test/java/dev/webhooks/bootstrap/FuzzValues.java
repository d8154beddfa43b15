package dev.webhooks.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile values for fuzzing, all drawn from one {@link Random} so a seed reproduces them: strings (huge, unicode,
 * control characters, lone surrogates, injection attempts), JSON values of every type (huge numbers, deep nesting),
 * a JSON writer that can emit what Jackson would refuse to write, and byte-level mutations of JSON text.
 */
final class FuzzValues {
    /** JSON text written verbatim (numbers beyond double, deep nesting, duplicate keys, ...). */
    record Raw(String json) {
    }

    private static final String[] NASTY = {
        "", " ", "null", "true", "0", "-1", "1e400", "NaN", "Infinity", "' OR '1'='1", "\" OR \"\"=\"", "%", "_", "!", "*",
        "\\", "%00", "../../../../etc/passwd", "..%2F..%2Fadmin", "/", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "%s%n%x",
        "<script>alert(1)</script>", "\u0000", "a\u0000b", "\r\nX-Injected: 1", "\u202Eevil\u202C", "\u200B", "\uFEFF",
        "\uD83D\uDE00\uD83D\uDE00", "\uD800", "\uDFFF", "\uDBFF\uDFFF", "e\u0301\u0301\u0301", "\u0130\u0131", "ǅ",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "日本語のテキスト", "Привет", "مرحبا", "\u00ff\u00fe", "\t", "\u007f", "\u0085", "\u2028\u2029",
        "com.qlik.v1.app.created", "com.qlik.v1.app.created ", "COM.QLIK.V1.APP.CREATED", "tenant", "user",
        "api", "automations", "management-console", "https://receiver.example.com/x", "-createdAt", "+name", "name",
    };
    private static final String[] BIG_NUMBERS = {
        "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-0", "0.0000000000000000000001",
        "9223372036854775808", "-9223372036854775809", "2147483648", "1.7976931348623157e309", "4.9e-325",
    };

    private final Random random;

    FuzzValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A string from every family: nasty literals, random unicode, control characters, huge ones. */
    String text() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> pick(NASTY);
            case 2 -> ascii(between(1, 40));
            case 3 -> unicode(between(1, 40));
            case 4 -> controls(between(1, 10));
            case 5 -> huge();
            case 6 -> pick(NASTY) + ascii(between(0, 10)) + pick(NASTY);
            default -> longToken();
        };
    }

    String ascii(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) between(0x20, 0x7e));
        }
        return text.toString();
    }

    /** Random code points of the whole range, supplementary ones included, and now and then a lone surrogate. */
    String unicode(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (chance(0.05)) {
                text.append((char) between(0xD800, 0xDFFF));
            } else {
                int codePoint = pick(between(0x80, 0x7FF), between(0x800, 0xFFFF), between(0x10000, 0x10FFFF));
                if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                    text.appendCodePoint(codePoint);
                }
            }
        }
        return text.toString();
    }

    String controls(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (int) pick(between(0, 0x1f), 0x7f, between(0x80, 0x9f)));
        }
        return text.toString();
    }

    /** 1 K to 200 K characters: over every field limit, still under the request size limit once in a body. */
    String huge() {
        int length = pick(1025, 2049, 4097, 10_000, 65_536, 200_000);
        String unit = pick("a", "é", "日", "\uD83D\uDE00", "%", "\\", " ", "0");
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    private String longToken() {
        return "x".repeat(between(256, 300));
    }

    /** A JSON value of any type, up to {@code depth} levels of containers. */
    Object json(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        return switch (kind) {
            case 0 -> text();
            case 1 -> random.nextLong();
            case 2 -> new Raw(pick(BIG_NUMBERS));
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> random.nextDouble() * pick(1.0, -1.0, 1e300);
            case 6 -> deepNesting();
            case 7 -> array(depth - 1);
            default -> object(depth - 1);
        };
    }

    List<Object> array(int depth) {
        List<Object> values = new ArrayList<>();
        int size = chance(0.05) ? between(1000, 20_000) : between(0, 5);
        for (int i = 0; i < size; i++) {
            values.add(size > 100 ? ascii(between(0, 10)) : json(depth));
        }
        return values;
    }

    Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        int size = between(0, 5);
        for (int i = 0; i < size; i++) {
            members.put(chance(0.5) ? ascii(between(1, 10)) : text(), json(depth));
        }
        return members;
    }

    /** Nesting from harmless to far beyond any parser's depth limit. */
    Raw deepNesting() {
        int depth = pick(10, 100, 999, 1001, 5000, 100_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return new Raw(open.repeat(depth) + "1" + close.repeat(depth));
    }

    /** Writes JSON, escaping control characters and lone surrogates so that the text stays well-formed. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String text) {
            quote(text, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote(String.valueOf(member.getKey()), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            out.append("0");
        } else {
            out.append(value);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !pairedSurrogate && !isSecondOfPair(text, i))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean isSecondOfPair(String text, int i) {
        return Character.isLowSurrogate(text.charAt(i)) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Byte-level damage to JSON text: truncation, stray or invalid bytes, deleted or repeated slices. */
    byte[] mangle(byte[] json) {
        byte[] bytes = json;
        int rounds = between(1, 3);
        for (int i = 0; i < rounds; i++) {
            bytes = mangleOnce(bytes);
        }
        return bytes;
    }

    private byte[] mangleOnce(byte[] bytes) {
        if (bytes.length == 0) {
            return pick("{", "[", "\"", "nul", "\u0000").getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(8)) {
            case 0 -> Arrays.copyOf(bytes, at);
            case 1 -> splice(bytes, at, 1, new byte[0]);
            case 2 -> splice(bytes, at, 0, pick("{", "}", "[", "]", ",", ":", "\"", "\\", "'", "\u0000", "\n", "NaN", "/*", "//")
                    .getBytes(StandardCharsets.UTF_8));
            case 3 -> splice(bytes, at, 0, pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED,
                    (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xF8, (byte) 0x88}));
            case 4 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, random.nextInt(at + 1), at));
            case 5 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) random.nextInt(256);
                yield copy;
            }
            case 6 -> splice(bytes, 0, 0, pick("\uFEFF", " ", "\u0000", "[", "{\"a\":1}").getBytes(StandardCharsets.UTF_8));
            default -> splice(bytes, bytes.length, 0, pick("}", "]", ",", " garbage", "{}", "\u0000").getBytes(StandardCharsets.UTF_8));
        };
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] result = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
        return result;
    }
}
