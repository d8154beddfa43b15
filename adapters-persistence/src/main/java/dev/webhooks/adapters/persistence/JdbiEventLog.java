package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.port.EventLog;
import dev.webhooks.domain.webhook.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Stores events and their fan-out in one transaction; webhooks are found through the (tenant, type) index. */
public final class JdbiEventLog implements EventLog {
    private final Jdbi jdbi;
    private final WebhookRowMapper webhooks;
    private final DeliveryRows rows = new DeliveryRows();

    public JdbiEventLog(Jdbi jdbi, AesGcmSecretCipher cipher) {
        this.jdbi = jdbi;
        this.webhooks = new WebhookRowMapper(cipher, new JsonColumns()).forMatching();
    }

    @Override
    public List<Boolean> append(List<CloudEvent> events, FanOut fanOut) {
        return TransactionRetry.run(() -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                handle -> append(handle, events, fanOut)), TransactionRetry.CONFLICTS_OR_DUPLICATE_KEYS);
    }

    /**
     * Stores the events not seen before with their deliveries in a few statements whatever the batch size: one look
     * for known keys, one query per (tenant, type) for the subscribers, one insert each for events and deliveries.
     * An event another transaction stores meanwhile fails the insert on its key, and the whole append runs again.
     */
    private List<Boolean> append(Handle handle, List<CloudEvent> events, FanOut fanOut) {
        List<String> keys = events.stream().map(JdbiEventLog::idempotencyKey).toList();
        Set<String> seen = knownKeys(handle, keys);
        Map<String, List<Webhook>> subscribers = new HashMap<>();
        List<Boolean> fresh = new ArrayList<>();
        Map<String, CloudEvent> stored = new java.util.LinkedHashMap<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CloudEvent event = events.get(i);
            boolean isNew = seen.add(keys.get(i));
            fresh.add(isNew);
            if (isNew) {
                stored.put(keys.get(i), event);
                List<Webhook> candidates = subscribers.computeIfAbsent(event.tenantId() + '\0' + event.type(),
                        key -> subscribed(handle, event));
                deliveries.addAll(fanOut.deliveriesFor(event, candidates));
            }
        }
        insertEvents(handle, stored);
        insertDeliveries(handle, deliveries);
        return fresh;
    }

    private static Set<String> knownKeys(Handle handle, List<String> keys) {
        return new HashSet<>(handle.createQuery("SELECT idempotency_key FROM events WHERE idempotency_key IN (<keys>)")
                .bindList("keys", keys)
                .mapTo(String.class)
                .list());
    }

    /** The new events, by their idempotency key. */
    private static void insertEvents(Handle handle, Map<String, CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO events (idempotency_key, tenant_id, source, event_id, type,"
                + " received_at, body) VALUES (:key, :tenant, :source, :id, :type, :received, :body)");
        String received = Timestamps.toColumn(Instant.now());
        events.forEach((key, event) -> batch.bind("key", key)
                .bind("tenant", event.tenantId())
                .bind("source", event.source())
                .bind("id", event.id())
                .bind("type", event.type())
                .bind("received", received)
                .bind("body", Json.write(event.toJson()))
                .add());
        batch.execute();
    }

    private List<Webhook> subscribed(Handle handle, CloudEvent event) {
        return handle.createQuery("SELECT " + WebhookDao.COLUMNS + " FROM webhooks WHERE enabled = TRUE AND id IN"
                        + " (SELECT webhook_id FROM webhook_event_types WHERE tenant_id = :tenant AND event_type = :type)")
                .bind("tenant", event.tenantId())
                .bind("type", event.type())
                .map(webhooks)
                .list();
    }

    /**
     * In webhook id order: each insert share-locks its webhook row (the foreign key), and recording attempts
     * write-locks webhook rows in the same order, so the two rarely deadlock (and are run again when they do).
     */
    private void insertDeliveries(Handle handle, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(DeliveryRows.INSERT);
        deliveries.stream().sorted(java.util.Comparator.comparing(delivery -> delivery.webhookId().toString()))
                .forEach(delivery -> rows.bind(batch, delivery).add());
        batch.execute();
    }

    static String idempotencyKey(CloudEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String key = event.tenantId() + '\0' + event.source() + '\0' + event.id();
            return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
