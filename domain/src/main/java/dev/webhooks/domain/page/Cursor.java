package dev.webhooks.domain.page;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A keyset position in a sorted list: the sort key and id of the row a page starts after ({@code NEXT}) or
 * before ({@code PREV}). It names the sort it belongs to, so a cursor is refused under another sort. Clients see
 * it only as an opaque token.
 */
public record Cursor(Direction direction, String sort, String sortValue, String id) {
    private static final String VERSION = "c1";

    /** Which way the page goes from the position. */
    public enum Direction { NEXT, PREV }

    public Cursor {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(sortValue, "sortValue");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String plain = String.join("\n", VERSION, direction.name(), sort, id, sortValue);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token produced by {@link #encode()} for the given sort; anything else is a 400. */
    public static Cursor decode(String token, String expectedSort) {
        String[] parts = decodeParts(token);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !(parts[1].equals("NEXT") || parts[1].equals("PREV"))) {
            throw invalid("the cursor is not one this service issued");
        }
        if (!parts[2].equals(expectedSort)) {
            throw invalid("the cursor was issued for sort '" + parts[2] + "', not '" + expectedSort + "'");
        }
        return new Cursor(Direction.valueOf(parts[1]), parts[2], parts[4], parts[3]);
    }

    private static String[] decodeParts(String token) {
        if (token == null || token.isEmpty() || token.length() > 8192) {
            throw invalid("the cursor is empty or too long");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 5);
        } catch (IllegalArgumentException notBase64) {
            throw invalid("the cursor is not one this service issued");
        }
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException(ErrorCode.INVALID_CURSOR, detail);
    }
}
