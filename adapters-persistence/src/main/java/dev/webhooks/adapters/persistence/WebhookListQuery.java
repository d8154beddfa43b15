package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.page.SortDirection;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookSort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One keyset-paginated webhook list query: the filters become bound predicates, the page starts after (or before)
 * the cursor's (sort key, id), and one extra row tells whether more follow. Never OFFSET, so pages stay correct
 * while rows are added or removed between requests.
 */
final class WebhookListQuery {
    private final Handle handle;
    private final WebhookRowMapper mapper;
    private final WebhookSort sort;
    private final StringBuilder where = new StringBuilder("tenant_id = :tenantId");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    WebhookListQuery(Handle handle, WebhookRowMapper mapper, WebhookQuery query, WebhookSort sort) {
        this.handle = handle;
        this.mapper = mapper;
        this.sort = sort;
        addFilters(query);
    }

    Page<Webhook> fetch(PageRequest page) {
        Optional<Cursor> cursor = page.cursor();
        boolean backwards = cursor.map(c -> c.direction() == Cursor.Direction.PREV).orElse(false);
        List<Webhook> rows = select(cursor.map(this::keyOf), ascending(backwards), page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<Webhook> items = new ArrayList<>(rows.subList(0, Math.min(rows.size(), page.limit())));
        if (backwards) {
            Collections.reverse(items);
        }
        if (items.isEmpty()) {
            return new Page<>(items, Optional.empty(), Optional.empty());
        }
        Webhook first = items.get(0);
        Webhook last = items.get(items.size() - 1);
        boolean hasNext = backwards ? exists(keyOf(last), ascending(false)) : more;
        boolean hasPrev = backwards ? more : cursor.isPresent() && exists(keyOf(first), ascending(true));
        return new Page<>(items,
                hasNext ? Optional.of(cursor(Cursor.Direction.NEXT, last)) : Optional.empty(),
                hasPrev ? Optional.of(cursor(Cursor.Direction.PREV, first)) : Optional.empty());
    }

    /** Whether rows are read in ascending column order: the sort's order, flipped when paging backwards. */
    private boolean ascending(boolean backwards) {
        return (sort.direction() == SortDirection.ASC) != backwards;
    }

    private List<Webhook> select(Optional<Key> after, boolean ascending, int limit) {
        String order = ascending ? "ASC" : "DESC";
        String sql = "SELECT " + WebhookDao.COLUMNS + " FROM webhooks WHERE " + where + after.map(k -> keysetPredicate(ascending)).orElse("")
                + " ORDER BY " + column() + " " + order + ", id " + order + " LIMIT " + limit;
        Query query = bindAll(handle.createQuery(sql));
        after.ifPresent(key -> key.bind(query));
        return query.map(mapper).list();
    }

    /** Is there a row beyond {@code from} when reading in the given direction? */
    private boolean exists(Key from, boolean ascending) {
        String sql = "SELECT 1 FROM webhooks WHERE " + where + keysetPredicate(ascending) + " LIMIT 1";
        Query query = bindAll(handle.createQuery(sql));
        from.bind(query);
        return query.mapTo(Integer.class).findOne().isPresent();
    }

    private String keysetPredicate(boolean ascending) {
        String comparison = ascending ? ">" : "<";
        return " AND (" + column() + " " + comparison + " :keyValue OR (" + column() + " = :keyValue AND id " + comparison + " :keyId))";
    }

    private Query bindAll(Query query) {
        parameters.forEach(query::bind);
        return query;
    }

    private String column() {
        return switch (sort.field()) {
            case NAME -> "name";
            case URL -> "url";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }

    private Key keyOf(Cursor cursor) {
        return switch (sort.field()) {
            case NAME, URL -> new Key(cursor.sortValue(), cursor.id());
            case CREATED_AT, UPDATED_AT -> new Key(Timestamps.toColumn(Timestamps.fromMicros(parseMicros(cursor.sortValue()))), cursor.id());
        };
    }

    private Key keyOf(Webhook webhook) {
        return new Key(switch (sort.field()) {
            case NAME -> webhook.definition().name();
            case URL -> webhook.definition().url().value();
            case CREATED_AT -> Timestamps.toColumn(webhook.createdAt());
            case UPDATED_AT -> Timestamps.toColumn(webhook.updatedAt());
        }, webhook.id().toString());
    }

    private Cursor cursor(Cursor.Direction direction, Webhook webhook) {
        String value = switch (sort.field()) {
            case NAME -> webhook.definition().name();
            case URL -> webhook.definition().url().value();
            case CREATED_AT -> Long.toString(Timestamps.toMicros(webhook.createdAt()));
            case UPDATED_AT -> Long.toString(Timestamps.toMicros(webhook.updatedAt()));
        };
        return new Cursor(direction, sort.wireName(), value, webhook.id().toString());
    }

    private static long parseMicros(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(ErrorCode.INVALID_CURSOR, "the cursor is not one this service issued");
        }
    }

    private void addFilters(WebhookQuery query) {
        parameters.put("tenantId", query.tenantId());
        query.visibleOnlyTo().ifPresent(user -> condition("level = 'user' AND owner_id = :visibleTo", "visibleTo", user));
        query.createdByUserId().ifPresent(user -> condition("created_by_user_id = :createdBy", "createdBy", user));
        query.updatedByUserId().ifPresent(user -> condition("updated_by_user_id = :updatedBy", "updatedBy", user));
        query.ownerId().ifPresent(owner -> condition("owner_id = :ownerId", "ownerId", owner));
        query.enabled().ifPresent(enabled -> condition("enabled = :enabled", "enabled", enabled));
        query.level().ifPresent(level -> condition("level = :level", "level", level.wireName()));
        query.name().ifPresent(name -> condition("name LIKE :name ESCAPE '!'", "name", likePattern(name)));
        query.url().ifPresent(url -> condition("url LIKE :url ESCAPE '!'", "url", likePattern(url)));
        int i = 0;
        for (String eventType : query.eventTypes()) {
            String name = "eventType" + i++;
            condition("EXISTS (SELECT 1 FROM webhook_event_types e WHERE e.webhook_id = webhooks.id AND e.event_type = :" + name + ")",
                    name, eventType);
        }
        if (!query.origins().isEmpty()) {
            List<String> names = new ArrayList<>();
            int o = 0;
            for (var origin : query.origins()) {
                String name = "origin" + o++;
                names.add(":" + name);
                parameters.put(name, origin.wireName());
            }
            where.append(" AND origin IN (").append(String.join(", ", names)).append(")");
        }
    }

    private void condition(String sql, String name, Object value) {
        where.append(" AND ").append(sql);
        parameters.put(name, value);
    }

    /** {@code *} is a wildcard; without one the text matches anywhere. LIKE's own wildcards are escaped. */
    static String likePattern(String pattern) {
        String escaped = pattern.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace('*', '%');
        return pattern.contains("*") ? escaped : "%" + escaped + "%";
    }

    /** A keyset position: the sort column's value and the id. */
    private record Key(Object value, String id) {
        void bind(Query query) {
            query.bind("keyValue", value).bind("keyId", id);
        }
    }
}
