package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryQuery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.page.SortDirection;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.webhook.WebhookId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The delivery history: keyset-paginated lists per webhook, single deliveries, and stored resends. */
public final class JdbiDeliveryHistory implements DeliveryHistory {
    private final Jdbi jdbi;
    private final DeliveryRowMapper mapper = new DeliveryRowMapper();
    private final DeliveryRows rows = new DeliveryRows();

    public JdbiDeliveryHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Delivery> find(String tenantId, WebhookId webhookId, DeliveryId deliveryId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + DeliveryRowMapper.COLUMNS + " FROM deliveries"
                        + " WHERE id = :id AND webhook_id = :webhook AND tenant_id = :tenant")
                .bind("id", deliveryId.toString())
                .bind("webhook", webhookId.toString())
                .bind("tenant", tenantId)
                .map(mapper)
                .findOne());
    }

    @Override
    public Page<Delivery> list(DeliveryQuery query, DeliverySort sort, PageRequest page) {
        return jdbi.withHandle(handle -> new Listing(handle, query, sort).fetch(page));
    }

    @Override
    public void insertAttempted(Delivery delivery) {
        if (delivery.lastAttempt().isEmpty()) {
            throw new IllegalArgumentException("no attempt to store");
        }
        jdbi.useHandle(handle -> rows.bind(handle.createUpdate(DeliveryRows.INSERT), delivery).execute());
    }

    @Override
    public int purgeOlderThan(java.time.Instant cutoff, int batchSize) {
        return jdbi.withHandle(handle -> {
            int deliveries = handle.createUpdate("DELETE FROM deliveries WHERE triggered_at < :cutoff LIMIT :batch")
                    .bind("cutoff", Timestamps.toColumn(cutoff)).bind("batch", batchSize).execute();
            handle.createUpdate("DELETE FROM events WHERE received_at < :cutoff LIMIT :batch")
                    .bind("cutoff", Timestamps.toColumn(cutoff)).bind("batch", batchSize).execute();
            return deliveries;
        });
    }

    /** One keyset-paginated list query (see {@link WebhookListQuery} for the scheme). */
    private final class Listing {
        private final Handle handle;
        private final DeliveryQuery query;
        private final DeliverySort sort;

        Listing(Handle handle, DeliveryQuery query, DeliverySort sort) {
            this.handle = handle;
            this.query = query;
            this.sort = sort;
        }

        Page<Delivery> fetch(PageRequest page) {
            Optional<Cursor> cursor = page.cursor();
            boolean backwards = cursor.map(c -> c.direction() == Cursor.Direction.PREV).orElse(false);
            List<Delivery> rows = select(cursor.map(c -> new Object[] {keyValue(c.sortValue()), c.id()}), ascending(backwards), page.limit() + 1);
            boolean more = rows.size() > page.limit();
            List<Delivery> items = new ArrayList<>(rows.subList(0, Math.min(rows.size(), page.limit())));
            if (backwards) {
                Collections.reverse(items);
            }
            if (items.isEmpty()) {
                return new Page<>(items, Optional.empty(), Optional.empty());
            }
            Delivery first = items.get(0);
            Delivery last = items.get(items.size() - 1);
            boolean hasNext = backwards ? exists(last, ascending(false)) : more;
            boolean hasPrev = backwards ? more : cursor.isPresent() && exists(first, ascending(true));
            return new Page<>(items,
                    hasNext ? Optional.of(cursorOf(Cursor.Direction.NEXT, last)) : Optional.empty(),
                    hasPrev ? Optional.of(cursorOf(Cursor.Direction.PREV, first)) : Optional.empty());
        }

        private boolean ascending(boolean backwards) {
            return (sort.direction() == SortDirection.ASC) != backwards;
        }

        private List<Delivery> select(Optional<Object[]> after, boolean ascending, int limit) {
            String order = ascending ? "ASC" : "DESC";
            Query sql = bind(handle.createQuery("SELECT " + DeliveryRowMapper.COLUMNS + " FROM deliveries WHERE " + where()
                    + after.map(key -> keyset(ascending)).orElse("") + " ORDER BY " + column() + " " + order + ", id " + order
                    + " LIMIT " + limit));
            after.ifPresent(key -> sql.bind("keyValue", key[0]).bind("keyId", key[1]));
            return sql.map(mapper).list();
        }

        private boolean exists(Delivery from, boolean ascending) {
            Query sql = bind(handle.createQuery("SELECT 1 FROM deliveries WHERE " + where() + keyset(ascending) + " LIMIT 1"));
            sql.bind("keyValue", keyValue(sortValue(from))).bind("keyId", from.id().toString());
            return sql.mapTo(Integer.class).findOne().isPresent();
        }

        private String where() {
            return "tenant_id = :tenant AND webhook_id = :webhook"
                    + query.eventType().map(type -> " AND event_type = :eventType").orElse("")
                    + query.status().map(status -> " AND status = :status").orElse("");
        }

        private Query bind(Query sql) {
            sql.bind("tenant", query.tenantId()).bind("webhook", query.webhookId().toString());
            query.eventType().ifPresent(type -> sql.bind("eventType", type));
            query.status().ifPresent(status -> sql.bind("status", status));
            return sql;
        }

        private String keyset(boolean ascending) {
            String op = ascending ? ">" : "<";
            return " AND (" + column() + " " + op + " :keyValue OR (" + column() + " = :keyValue AND id " + op + " :keyId))";
        }

        private String column() {
            return sort.field() == DeliverySort.Field.STATUS ? "status" : "triggered_at";
        }

        private String sortValue(Delivery delivery) {
            return sort.field() == DeliverySort.Field.STATUS ? delivery.apiStatus()
                    : Long.toString(Timestamps.toMicros(delivery.triggeredAt()));
        }

        private Object keyValue(String sortValue) {
            if (sort.field() == DeliverySort.Field.STATUS) {
                return sortValue;
            }
            try {
                return Timestamps.toColumn(Timestamps.fromMicros(Long.parseLong(sortValue)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(ErrorCode.INVALID_CURSOR, "the cursor is not one this service issued");
            }
        }

        private Cursor cursorOf(Cursor.Direction direction, Delivery delivery) {
            return new Cursor(direction, sort.wireName(), sortValue(delivery), delivery.id().toString());
        }
    }
}
