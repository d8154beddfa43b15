package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Keyset pagination over one table, never OFFSET: a page starts after (or, going back, before) the cursor's
 * (sort key, id), rows are ordered by the sort column then id, and one extra row tells whether more follow; the other
 * side is answered by a cheap {@code LIMIT 1} query. Pages stay correct while rows come and go between requests.
 */
final class KeysetPage<T> {

    /**
     * What to page over: the rows {@code where} selects (with its bound {@code parameters}), ordered by
     * {@code sortColumn} then {@code idColumn}; {@code cursorValue} is a row's sort key as cursor text and
     * {@code columnValue} turns cursor text back into a value to compare the column with; {@code id} and
     * {@code idValue} do the same for the id.
     */
    record Spec<T>(String table, String columns, String where, Map<String, Object> parameters, String sortColumn,
                   boolean ascending, String sortName, RowMapper<T> mapper, Function<T, String> cursorValue,
                   Function<String, Object> columnValue, String idColumn, Function<T, String> id,
                   Function<String, Object> idValue) {
    }

    private final Handle handle;
    private final Spec<T> spec;

    KeysetPage(Handle handle, Spec<T> spec) {
        this.handle = handle;
        this.spec = spec;
    }

    Page<T> fetch(PageRequest page) {
        Optional<Cursor> cursor = page.cursor();
        boolean backwards = cursor.map(c -> c.direction() == Cursor.Direction.PREV).orElse(false);
        List<T> rows = select(cursor.map(c -> new Key(c.sortValue(), c.id())), ascending(backwards), page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<T> items = new ArrayList<>(rows.subList(0, Math.min(rows.size(), page.limit())));
        if (backwards) {
            Collections.reverse(items);
        }
        if (items.isEmpty()) {
            return new Page<>(items, Optional.empty(), Optional.empty());
        }
        T first = items.get(0);
        T last = items.get(items.size() - 1);
        boolean hasNext = backwards ? exists(keyOf(last), ascending(false)) : more;
        boolean hasPrev = backwards ? more : cursor.isPresent() && exists(keyOf(first), ascending(true));
        return new Page<>(items,
                hasNext ? Optional.of(cursorOf(Cursor.Direction.NEXT, last)) : Optional.empty(),
                hasPrev ? Optional.of(cursorOf(Cursor.Direction.PREV, first)) : Optional.empty());
    }

    /** Whether rows are read in ascending column order: the sort's order, flipped when paging backwards. */
    private boolean ascending(boolean backwards) {
        return spec.ascending() != backwards;
    }

    private List<T> select(Optional<Key> after, boolean ascending, int limit) {
        String order = ascending ? "ASC" : "DESC";
        Query query = bound("SELECT " + spec.columns() + " FROM " + spec.table() + " WHERE " + spec.where()
                + after.map(key -> keyset(ascending)).orElse("") + " ORDER BY " + spec.sortColumn() + " " + order
                + ", " + spec.idColumn() + " " + order + " LIMIT " + limit);
        after.ifPresent(key -> key.bind(query));
        return query.map(spec.mapper()).list();
    }

    /** Is there a row beyond {@code from} when reading in the given direction? */
    private boolean exists(Key from, boolean ascending) {
        Query query = bound("SELECT 1 FROM " + spec.table() + " WHERE " + spec.where() + keyset(ascending) + " LIMIT 1");
        from.bind(query);
        return query.mapTo(Integer.class).findOne().isPresent();
    }

    private String keyset(boolean ascending) {
        String op = ascending ? ">" : "<";
        String column = spec.sortColumn();
        return " AND (" + column + " " + op + " :keyValue OR (" + column + " = :keyValue AND " + spec.idColumn() + " " + op
                + " :keyId))";
    }

    private Query bound(String sql) {
        Query query = handle.createQuery(sql);
        spec.parameters().forEach(query::bind);
        return query;
    }

    private Key keyOf(T row) {
        return new Key(spec.cursorValue().apply(row), spec.id().apply(row));
    }

    private Cursor cursorOf(Cursor.Direction direction, T row) {
        return new Cursor(direction, spec.sortName(), spec.cursorValue().apply(row), spec.id().apply(row));
    }

    /** A keyset position: the sort key as cursor text, and the id. */
    private final class Key {
        private final String sortValue;
        private final String id;

        Key(String sortValue, String id) {
            this.sortValue = sortValue;
            this.id = id;
        }

        void bind(Query query) {
            query.bind("keyValue", spec.columnValue().apply(sortValue)).bind("keyId", spec.idValue().apply(id));
        }
    }

    /** Cursor text holding epoch microseconds, as a DATETIME(6) column value; anything else is a bad cursor. */
    static Object microsColumnValue(String sortValue) {
        try {
            return Timestamps.toColumn(Timestamps.fromMicros(Long.parseLong(sortValue)));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(ErrorCode.INVALID_CURSOR, "the cursor is not one this service issued");
        }
    }
}
