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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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
        return jdbi.withHandle(handle -> pages(handle, query, sort).fetch(page));
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

    /** The delivery list of one webhook: its filters as bound predicates, paged by {@link KeysetPage}. */
    private KeysetPage<Delivery> pages(Handle handle, DeliveryQuery query, DeliverySort sort) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenant", query.tenantId());
        parameters.put("webhook", query.webhookId().toString());
        StringBuilder where = new StringBuilder("tenant_id = :tenant AND webhook_id = :webhook");
        query.eventType().ifPresent(type -> {
            where.append(" AND event_type = :eventType");
            parameters.put("eventType", type);
        });
        query.status().ifPresent(status -> {
            where.append(" AND status = :status");
            parameters.put("status", status);
        });
        boolean byStatus = sort.field() == DeliverySort.Field.STATUS;
        return new KeysetPage<>(handle, new KeysetPage.Spec<>("deliveries", DeliveryRowMapper.COLUMNS, where.toString(),
                parameters, byStatus ? "status" : "triggered_at", sort.direction() == SortDirection.ASC, sort.wireName(),
                mapper, delivery -> byStatus ? delivery.apiStatus() : Long.toString(Timestamps.toMicros(delivery.triggeredAt())),
                byStatus ? text -> text : KeysetPage::microsColumnValue, delivery -> delivery.id().toString()));
    }
}
