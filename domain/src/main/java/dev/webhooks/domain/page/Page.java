package dev.webhooks.domain.page;

import java.util.List;
import java.util.Optional;

/** One page of a keyset-paginated list, with the cursors to the pages next to it when they exist. */
public record Page<T>(List<T> items, Optional<Cursor> next, Optional<Cursor> prev) {
    public Page {
        items = List.copyOf(items);
    }
}
