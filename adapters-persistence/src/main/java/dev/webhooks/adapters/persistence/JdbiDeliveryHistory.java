package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryQuery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.page.SortDirection;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.delivery.TimeOrderedUuid;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The delivery history: keyset-paginated lists per webhook, single deliveries, and stored resends. */
public final class JdbiDeliveryHistory implements DeliveryHistory {
    /** How much longer events are kept than deliveries, so that no delivery outlives the row holding its body. */
    static final Duration EVENTS_OUTLIVE_DELIVERIES = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final DeliveryRowMapper mapper = new DeliveryRowMapper();
    private final DeliveryRows rows = new DeliveryRows();

    public JdbiDeliveryHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Delivery> find(String tenantId, WebhookId webhookId, DeliveryId deliveryId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + DeliveryRowMapper.COLUMNS + " FROM "
                        + DeliveryRowMapper.FROM + " WHERE d.id = :id AND d.webhook_id = :webhook AND d.tenant_id = :tenant")
                .bind("id", BinaryIds.bytes(deliveryId.value()))
                .bind("webhook", webhookId.toString())
                .bind("tenant", tenantId)
                .map(mapper)
                .findOne());
    }

    @Override
    public Page<Delivery> list(DeliveryQuery query, DeliverySort sort, PageRequest page) {
        return jdbi.withHandle(handle -> pages(handle, query, sort).fetch(page));
    }

    /**
     * Stores the attempted delivery with an event row of its own holding its body (a resend's body is an old event's:
     * its own copy lives as long as the resend does, whatever becomes of the old event's row).
     */
    @Override
    public void insertAttempted(Delivery delivery) {
        if (delivery.lastAttempt().isEmpty()) {
            throw new IllegalArgumentException("no attempt to store");
        }
        UUID eventRef = TimeOrderedUuid.at(delivery.triggeredAt());
        jdbi.useTransaction(handle -> {
            DeliveryRows.bindEvent(handle.createUpdate(DeliveryRows.INSERT_EVENT), eventRef, null, delivery.tenantId(),
                    delivery.triggeredAt(), delivery.body(), null).execute();
            rows.bind(handle.createUpdate(DeliveryRows.INSERT), delivery, eventRef, DeliveryRows.BODY).execute();
        });
    }

    /**
     * Deliveries go by their age (index {@code deliveries_age}), events by their time-ordered key, an hour after their
     * deliveries: a delivery is made within moments of its event, so no delivery outlives the row holding its body.
     * Each batch reads only what it deletes, however long the history.
     */
    @Override
    public Purged purgeOlderThan(Instant cutoff, int batchSize) {
        return jdbi.withHandle(handle -> {
            int deliveries = handle.createUpdate("DELETE FROM deliveries WHERE triggered_at < :cutoff ORDER BY triggered_at"
                            + " LIMIT :batch")
                    .bind("cutoff", Timestamps.toColumn(cutoff)).bind("batch", batchSize).execute();
            int events = handle.createUpdate("DELETE FROM events WHERE id < :lowest ORDER BY id LIMIT :batch")
                    .bind("lowest", BinaryIds.bytes(TimeOrderedUuid.lowestAt(cutoff.minus(EVENTS_OUTLIVE_DELIVERIES))))
                    .bind("batch", batchSize).execute();
            return new Purged(deliveries, events);
        });
    }

    /** The delivery list of one webhook: its filters as bound predicates, paged by {@link KeysetPage}. */
    private KeysetPage<Delivery> pages(Handle handle, DeliveryQuery query, DeliverySort sort) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenant", query.tenantId());
        parameters.put("webhook", query.webhookId().toString());
        StringBuilder where = new StringBuilder("d.tenant_id = :tenant AND d.webhook_id = :webhook");
        query.eventType().ifPresent(type -> {
            where.append(" AND d.event_type = :eventType");
            parameters.put("eventType", type);
        });
        query.status().ifPresent(status -> {
            where.append(" AND d.status = :status");
            parameters.put("status", status);
        });
        boolean byStatus = sort.field() == DeliverySort.Field.STATUS;
        return new KeysetPage<>(handle, new KeysetPage.Spec<>(DeliveryRowMapper.FROM, DeliveryRowMapper.COLUMNS, where.toString(),
                parameters, byStatus ? "d.status" : "d.triggered_at", sort.direction() == SortDirection.ASC, sort.wireName(),
                mapper, delivery -> byStatus ? delivery.apiStatus() : Long.toString(Timestamps.toMicros(delivery.triggeredAt())),
                byStatus ? text -> text : KeysetPage::microsColumnValue, "d.id", delivery -> delivery.id().toString(),
                JdbiDeliveryHistory::idColumnValue));
    }

    /** A cursor's id as the column's bytes; anything but a UUID is a cursor this service did not issue. */
    private static Object idColumnValue(String id) {
        return DeliveryId.parse(id).map(parsed -> (Object) BinaryIds.bytes(parsed.value())).orElseThrow(() ->
                new InvalidInputException(ErrorCode.INVALID_CURSOR, "the cursor is not one this service issued"));
    }
}
