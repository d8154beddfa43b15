package dev.webhooks.adapters.rest.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.PageRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.Optional;

/** The paging parameters every list shares: {@code limit} (1..100, default 20) and the {@code next}/{@code prev} cursors. */
public final class PageParameters {
    private PageParameters() {
    }

    /** Reads the page for a list sorted by {@code sortWireName}; a cursor issued for another sort is refused. */
    public static PageRequest read(MultivaluedMap<String, String> parameters, String sortWireName) {
        Optional<String> next = text(parameters, "next");
        Optional<String> prev = text(parameters, "prev");
        if (next.isPresent() && prev.isPresent()) {
            throw invalid("give either 'next' or 'prev', not both");
        }
        Optional<Cursor> cursor = next.or(() -> prev).map(token -> Cursor.decode(token, sortWireName));
        return new PageRequest(limit(parameters), cursor);
    }

    static Optional<String> text(MultivaluedMap<String, String> parameters, String name) {
        return Optional.ofNullable(parameters.getFirst(name)).filter(value -> !value.isEmpty());
    }

    static InvalidInputException invalid(String detail) {
        return new InvalidInputException(ErrorCode.INVALID_QUERY_PARAMETER, detail);
    }

    private static int limit(MultivaluedMap<String, String> parameters) {
        Optional<String> text = text(parameters, "limit");
        if (text.isEmpty()) {
            return PageRequest.DEFAULT_LIMIT;
        }
        try {
            return new BigDecimal(text.get()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid("'limit' must be an integer between 1 and " + PageRequest.MAX_LIMIT);
        }
    }
}
