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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            List<Boolean> fresh = new ArrayList<>();
            List<Delivery> deliveries = new ArrayList<>();
            for (CloudEvent event : events) {
                boolean stored = insertEvent(handle, event);
                fresh.add(stored);
                if (stored) {
                    deliveries.addAll(fanOut.deliveriesFor(event, subscribed(handle, event)));
                }
            }
            insertDeliveries(handle, deliveries);
            return fresh;
        });
    }

    private static boolean insertEvent(Handle handle, CloudEvent event) {
        return handle.createUpdate("INSERT IGNORE INTO events (idempotency_key, tenant_id, source, event_id, type, received_at, body)"
                        + " VALUES (:key, :tenant, :source, :id, :type, :received, :body)")
                .bind("key", idempotencyKey(event))
                .bind("tenant", event.tenantId())
                .bind("source", event.source())
                .bind("id", event.id())
                .bind("type", event.type())
                .bind("received", Timestamps.toColumn(Instant.now()))
                .bind("body", Json.write(event.toJson()))
                .execute() == 1;
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
     * write-locks webhook rows (the failure streak) in the same order, so the two cannot deadlock.
     */
    private void insertDeliveries(Handle handle, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(DeliveryRows.INSERT);
        deliveries.stream().sorted(Comparator.comparing(delivery -> delivery.webhookId().toString()))
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
