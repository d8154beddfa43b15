package dev.webhooks.benchmarks.load;

import dev.webhooks.domain.delivery.TimeOrderedUuid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Rows in the store's layout, written the way the service writes them (adapters-persistence {@code DeliveryRows}):
 * per event one {@code events} row holding the body, its deliveries in {@code deliveries} pointing at it (envelope 0 =
 * the row's {@code body}), every key a time-ordered BINARY(16). Rows are collected, then written as two batches that
 * the driver sends as multi-row inserts (with {@code rewriteBatchedStatements=true}), deliveries in webhook order as
 * the service inserts them.
 */
final class StoreRows {
    static final String ATTEMPT_URL = "http://127.0.0.1/hook/0/0";
    /** Records a successful attempt, as the service's record of a 200 does. */
    static final String RECORD_SUCCESS = "UPDATE deliveries SET state = 'SUCCEEDED', status = 'success',"
            + " attempts = attempts + 1, next_attempt_at = NULL, last_attempt_at = :at, request_url = :url,"
            + " request_headers = :requestHeaders, status_code = 200, response_headers = '{}', response_body = '',"
            + " status_message = 'OK' WHERE id = :id";
    private static final String INSERT_EVENT = "INSERT INTO events (id, idempotency_key, tenant_id, received_at, body)"
            + " VALUES (:id, :key, :tenant, :received, :body)";
    private static final String INSERT_DELIVERY = "INSERT INTO deliveries (id, event_ref, envelope, tenant_id, webhook_id,"
            + " event_id, event_type, triggered_at, state, status, attempts, next_attempt_at, last_attempt_at, request_url,"
            + " request_headers, status_code, response_headers, response_body, status_message) VALUES (:id, :eventRef, 0,"
            + " :tenant, :webhook, :eventId, :eventType, :triggered, :state, :status, :attempts, :next, :at, :url,"
            + " :requestHeaders, :code, :responseHeaders, :responseBody, :message)";
    private static final DateTimeFormatter COLUMN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private record EventRow(byte[] id, String tenant, Instant receivedAt, byte[] body) {
    }

    /** A delivery, pending ({@code attemptedAt} null) or delivered. */
    private record DeliveryRow(byte[] id, byte[] eventRef, String tenant, String webhookId, String eventId,
                               Instant triggeredAt, Instant dueAt, Instant attemptedAt) {
    }

    private final List<EventRow> events = new ArrayList<>();
    private final List<DeliveryRow> deliveries = new ArrayList<>();

    /** Adds an event row received at {@code receivedAt} (its key is of that time); returns the key its deliveries use. */
    byte[] addEvent(String tenant, Instant receivedAt, String body) {
        byte[] id = bytes(TimeOrderedUuid.at(receivedAt));
        events.add(new EventRow(id, tenant, receivedAt, body.getBytes(StandardCharsets.UTF_8)));
        return id;
    }

    /** Adds a delivery due at {@code dueAt} that was never attempted. */
    void addPending(byte[] eventRef, String tenant, String webhookId, String eventId, Instant dueAt) {
        deliveries.add(new DeliveryRow(bytes(TimeOrderedUuid.at(Instant.now())), eventRef, tenant, webhookId, eventId,
                dueAt, dueAt, null));
    }

    /** Adds a delivery triggered at {@code triggeredAt} and delivered at the first attempt moments later. */
    void addSucceeded(byte[] eventRef, String tenant, String webhookId, String eventId, Instant triggeredAt) {
        deliveries.add(new DeliveryRow(bytes(TimeOrderedUuid.at(triggeredAt)), eventRef, tenant, webhookId, eventId,
                triggeredAt, null, triggeredAt.plusMillis(20)));
    }

    int deliveryCount() {
        return deliveries.size();
    }

    /** Inserts the rows added since the last insert, on {@code handle} (in its transaction, if any). */
    void insert(Handle handle) {
        if (!events.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(INSERT_EVENT);
            events.forEach(event -> bindEvent(batch, event).add());
            batch.execute();
        }
        if (!deliveries.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(INSERT_DELIVERY);
            deliveries.stream().sorted(Comparator.comparing(DeliveryRow::webhookId)).forEach(row -> bindDelivery(batch, row).add());
            batch.execute();
        }
        events.clear();
        deliveries.clear();
    }

    private static PreparedBatch bindEvent(PreparedBatch batch, EventRow event) {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return batch.bind("id", event.id()).bind("key", key).bind("tenant", event.tenant())
                .bind("received", column(event.receivedAt())).bind("body", event.body());
    }

    private static PreparedBatch bindDelivery(PreparedBatch batch, DeliveryRow row) {
        boolean delivered = row.attemptedAt() != null;
        batch.bind("id", row.id()).bind("eventRef", row.eventRef()).bind("tenant", row.tenant())
                .bind("webhook", row.webhookId()).bind("eventId", row.eventId()).bind("eventType", BenchService.EVENT_TYPE)
                .bind("triggered", column(row.triggeredAt()))
                .bind("state", delivered ? "SUCCEEDED" : "PENDING").bind("status", delivered ? "success" : "fail")
                .bind("attempts", delivered ? 1 : 0)
                .bind("next", delivered ? null : column(row.dueAt()));
        return delivered ? bindSuccess(batch, row.id(), row.attemptedAt()) : bindNoAttempt(batch);
    }

    private static PreparedBatch bindSuccess(PreparedBatch batch, byte[] id, Instant at) {
        return batch.bind("at", column(at)).bind("url", ATTEMPT_URL).bind("requestHeaders", requestHeaders(id))
                .bind("code", 200).bind("responseHeaders", "{}").bind("responseBody", "").bind("message", "OK");
    }

    private static PreparedBatch bindNoAttempt(PreparedBatch batch) {
        for (String name : new String[] {"at", "url", "requestHeaders", "code", "responseHeaders", "responseBody", "message"}) {
            batch.bindNull(name, java.sql.Types.VARCHAR);
        }
        return batch;
    }

    /** The request headers the service records with an attempt (content type, webhook-id, signature and so on). */
    static String requestHeaders(byte[] deliveryId) {
        return "{\"content-type\":\"application/json\",\"webhook-id\":\"" + uuid(deliveryId) + "\",\"webhook-timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"webhook-signature\":\"v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=\"}";
    }

    /** Instants as the service binds them: UTC text with microseconds, whatever the JVM's or server's zone. */
    static String column(Instant instant) {
        return COLUMN.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    private static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
