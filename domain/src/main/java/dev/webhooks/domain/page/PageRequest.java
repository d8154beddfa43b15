package dev.webhooks.domain.page;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import java.util.Optional;

/** How many items to return (1 to 100) and, optionally, the cursor to continue from. */
public record PageRequest(int limit, Optional<Cursor> cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException(ErrorCode.INVALID_QUERY_PARAMETER, "'limit' must be between 1 and " + MAX_LIMIT);
        }
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
