package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Extra request headers of a webhook: valid HTTP names and values, no duplicates (case-insensitive), none of
 * the headers the service controls, and at most {@value #MAX_BYTES} bytes measured as {@code Name: value\r\n}
 * lines. {@link #toString()} lists names only, so values never reach a log.
 */
public final class HeaderMap {
    public static final int MAX_BYTES = 2048;
    public static final HeaderMap EMPTY = new HeaderMap("headers", Map.of());

    /** Headers that the service sets itself or that would break the request. */
    public static final Set<String> RESERVED_NAMES = Set.of(
            "content-length", "content-type", "content-encoding", "host", "transfer-encoding", "connection",
            "upgrade", "expect", "keep-alive", "te", "trailer", "proxy-authorization", "proxy-connection",
            "user-agent", "qlik-signature", "webhook-id", "webhook-timestamp", "webhook-signature");

    private final Map<String, String> values;

    public HeaderMap(String field, Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        int bytes = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            checkName(field, name);
            checkValue(field, name, value);
            if (!seen.add(name)) {
                throw InvalidInputException.field(field, "has the header '" + name + "' more than once (names are case-insensitive)");
            }
            bytes += (name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8).length;
            copy.put(name, value);
        }
        if (bytes > MAX_BYTES) {
            throw InvalidInputException.field(field, "is " + bytes + " bytes; at most " + MAX_BYTES + " bytes are allowed");
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    public Map<String, String> values() {
        return values;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static void checkName(String field, String name) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(HeaderMap::isTokenChar)) {
            throw InvalidInputException.field(field, "has an invalid header name '" + printable(name) + "'");
        }
        if (RESERVED_NAMES.contains(name.toLowerCase(Locale.ROOT)) || name.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
            throw InvalidInputException.field(field, "may not set the header '" + name + "'; the service controls it");
        }
    }

    private static void checkValue(String field, String name, String value) {
        if (value == null) {
            throw InvalidInputException.field(field, "has no value for the header '" + name + "'");
        }
        boolean valid = value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f));
        if (!valid) {
            throw InvalidInputException.field(field, "has a control character in the value of the header '" + name + "'");
        }
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String shortened = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderMap map && map.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "HeaderMap" + names();
    }
}
