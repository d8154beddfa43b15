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
import dev.webhooks.domain.delivery.RecoveryWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The delivery history: keyset-paginated lists per webhook, single deliveries, and stored resends. */
public final class JdbiDeliveryHistory implements DeliveryHistory {
    /** How much longer events are kept than deliveries, so that no delivery outlives the row holding its body. */
    static final Duration EVENTS_OUTLIVE_DELIVERIES = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final DeliveryRowMapper mapper = new DeliveryRowMapper();
    /** Recovered deliveries are read and copied this many at a time. */
    private static final int RECOVERY_CHUNK = 500;

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
     * In one transaction: claims the request key (a concurrent twin waits on it, then finds it taken), copies the failed
     * deliveries in chunks, and stores the answer with the key. Bodies are copied inside the database, row to row, so
     * however many and large they are, none passes through this process.
     */
    @Override
    public int recoverFailed(String tenantId, WebhookId webhookId, RecoveryWindow window, String requestKey, Instant now,
                             int max) {
        byte[] key = sha256(requestKey);
        return TransactionRetry.run(() -> LongStatements.withHandle(jdbi, handle -> handle.inTransaction(
                TransactionIsolationLevel.READ_COMMITTED, transaction -> {
                    Optional<Integer> earlier = claimRequest(transaction, key, now);
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                    int queued = copyFailed(transaction, tenantId, webhookId, window, now, max);
                    transaction.createUpdate("UPDATE delivery_recoveries SET queued = :queued WHERE request_key = :key")
                            .bind("queued", queued).bind("key", key).execute();
                    return queued;
                })), TransactionRetry.CONFLICTS_OR_DUPLICATE_KEYS);
    }

    /** Empty when this transaction now holds the key; else the answer of the same request made less than a minute ago. */
    private static Optional<Integer> claimRequest(Handle handle, byte[] key, Instant now) {
        handle.createUpdate("DELETE FROM delivery_recoveries WHERE request_key = :key AND requested_at <= :stale")
                .bind("key", key).bind("stale", Timestamps.toColumn(now.minus(RecoveryWindow.REPEATS_ANSWERED_FOR))).execute();
        int inserted = handle.createUpdate("INSERT IGNORE INTO delivery_recoveries (request_key, requested_at, queued)"
                        + " VALUES (:key, :now, 0)")
                .bind("key", key).bind("now", Timestamps.toColumn(now)).execute();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(handle.createQuery("SELECT queued FROM delivery_recoveries WHERE request_key = :key")
                .bind("key", key).mapTo(Integer.class).one());
    }

    private int copyFailed(Handle handle, String tenantId, WebhookId webhookId, RecoveryWindow window, Instant now, int max) {
        int copied = 0;
        Optional<FailedRow> after = Optional.empty();
        while (copied < max) {
            List<FailedRow> chunk = failedChunk(handle, tenantId, webhookId, window, after, Math.min(RECOVERY_CHUNK, max - copied));
            if (chunk.isEmpty()) {
                break;
            }
            insertCopies(handle, chunk, now);
            copied += chunk.size();
            after = Optional.of(chunk.get(chunk.size() - 1));
        }
        return copied;
    }

    /** A failed delivery's metadata, its body left where it is (in the event row {@code eventRef}). */
    private record FailedRow(byte[] id, Instant triggeredAt, byte[] eventRef, int envelope, Delivery metadata) {
    }

    private List<FailedRow> failedChunk(Handle handle, String tenantId, WebhookId webhookId, RecoveryWindow window,
                                        Optional<FailedRow> after, int limit) {
        String keyset = after.isEmpty() ? "" : " AND (triggered_at > :afterAt OR (triggered_at = :afterAt AND id > :afterId))";
        var query = handle.createQuery("SELECT id, event_ref, envelope, event_id, event_type, triggered_at, traceparent"
                        + " FROM deliveries WHERE webhook_id = :webhook AND tenant_id = :tenant AND state = 'FAILED'"
                        + " AND triggered_at >= :since AND triggered_at < :until" + keyset
                        + " ORDER BY triggered_at, id LIMIT :limit")
                .bind("webhook", webhookId.toString()).bind("tenant", tenantId)
                .bind("since", Timestamps.toColumn(window.since())).bind("until", Timestamps.toColumn(window.until()))
                .bind("limit", limit);
        after.ifPresent(row -> query.bind("afterAt", Timestamps.toColumn(row.triggeredAt())).bind("afterId", row.id()));
        return query.map((rs, ctx) -> new FailedRow(rs.getBytes("id"), Timestamps.read(rs, "triggered_at"),
                rs.getBytes("event_ref"), rs.getInt("envelope"), new Delivery(new DeliveryId(BinaryIds.uuid(rs.getBytes("id"))),
                tenantId, webhookId, rs.getString("event_id"), rs.getString("event_type"), Timestamps.read(rs, "triggered_at"),
                new byte[0], dev.webhooks.domain.delivery.DeliveryState.FAILED, 0, null, Optional.empty(),
                Optional.ofNullable(rs.getString("traceparent"))))).list();
    }

    /** Each copy gets an event row of its own holding the original's exact body bytes, copied inside the database. */
    private void insertCopies(Handle handle, List<FailedRow> chunk, Instant now) {
        PreparedBatch events = handle.prepareBatch("INSERT INTO events (id, idempotency_key, tenant_id, received_at, body,"
                + " other_body) SELECT :id, NULL, tenant_id, :received, IF(:envelope = " + DeliveryRows.OTHER_BODY
                + ", other_body, body), NULL FROM events WHERE id = :source");
        PreparedBatch deliveries = handle.prepareBatch(DeliveryRows.INSERT);
        for (FailedRow row : chunk) {
            Delivery copy = row.metadata().sentAgainAt(now);
            UUID eventRef = TimeOrderedUuid.at(now);
            events.bind("id", BinaryIds.bytes(eventRef)).bind("received", Timestamps.toColumn(now))
                    .bind("envelope", row.envelope()).bind("source", row.eventRef()).add();
            rows.bind(deliveries, copy, eventRef, DeliveryRows.BODY).add();
        }
        events.execute();
        deliveries.execute();
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
            handle.createUpdate("DELETE FROM delivery_recoveries WHERE requested_at < :cutoff LIMIT :batch")
                    .bind("cutoff", Timestamps.toColumn(cutoff)).bind("batch", batchSize).execute();
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
