package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.TimeOrderedUuid;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.EventLog;
import dev.webhooks.domain.webhook.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.UUID;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Stores events and their fan-out in one transaction; webhooks are found through the (tenant, type) index. */
public final class JdbiEventLog implements EventLog {
    private static final HexFormat HEX = HexFormat.of();
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
        List<StoredEvent> stored = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            CloudEvent event = events.get(i);
            boolean isNew = seen.add(keys.get(i));
            fresh.add(isNew);
            if (isNew) {
                List<Webhook> candidates = subscribers.computeIfAbsent(event.tenantId() + '\0' + event.type(),
                        key -> subscribed(handle, event));
                stored.add(StoredEvent.of(TimeOrderedUuid.at(now), keys.get(i), event, fanOut.deliveriesFor(event, candidates)));
            }
        }
        insertEvents(handle, stored, now);
        insertDeliveries(handle, stored);
        return fresh;
    }

    /**
     * A new event, its row's key, its deliveries, and their at most two different bodies (the CloudEvents and the legacy
     * envelope) that the row holds: the first in {@code body}, the other in {@code other_body}.
     */
    private record StoredEvent(UUID id, String key, CloudEvent event, List<Delivery> deliveries, List<byte[]> bodies) {
        static StoredEvent of(UUID id, String key, CloudEvent event, List<Delivery> deliveries) {
            List<byte[]> bodies = new ArrayList<>(2);
            for (Delivery delivery : deliveries) {
                if (bodies.stream().noneMatch(body -> body == delivery.body() || Arrays.equals(body, delivery.body()))) {
                    bodies.add(delivery.body());
                }
            }
            if (bodies.size() > 2) {
                throw new IllegalStateException("an event's deliveries carry more than two different bodies");
            }
            return new StoredEvent(id, key, event, deliveries, bodies);
        }

        int envelopeOf(Delivery delivery) {
            byte[] first = bodies.get(0);
            return first == delivery.body() || Arrays.equals(first, delivery.body()) ? DeliveryRows.BODY : DeliveryRows.OTHER_BODY;
        }
    }

    private static Set<String> knownKeys(Handle handle, List<String> keys) {
        return new HashSet<>(handle.createQuery("SELECT idempotency_key FROM events WHERE idempotency_key IN (<keys>)")
                .bindList("keys", keys.stream().map(HEX::parseHex).toList())
                .map((rs, ctx) -> HEX.formatHex(rs.getBytes(1)))
                .list());
    }

    private static void insertEvents(Handle handle, List<StoredEvent> events, Instant received) {
        if (events.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(DeliveryRows.INSERT_EVENT);
        for (StoredEvent stored : events) {
            List<byte[]> bodies = stored.bodies();
            DeliveryRows.bindEvent(batch, stored.id(), HEX.parseHex(stored.key()), stored.event().tenantId(), received,
                    bodies.isEmpty() ? null : bodies.get(0), bodies.size() < 2 ? null : bodies.get(1)).add();
        }
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

    /** In webhook id order, as recording updates deliveries, so that the two rarely deadlock (and run again when they do). */
    private void insertDeliveries(Handle handle, List<StoredEvent> events) {
        List<Map.Entry<StoredEvent, Delivery>> deliveries = new ArrayList<>();
        events.forEach(stored -> stored.deliveries().forEach(delivery -> deliveries.add(Map.entry(stored, delivery))));
        if (deliveries.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(DeliveryRows.INSERT);
        deliveries.stream().sorted(Comparator.comparing(entry -> entry.getValue().webhookId().toString()))
                .forEach(entry -> rows.bind(batch, entry.getValue(), entry.getKey().id(), entry.getKey().envelopeOf(entry.getValue()))
                        .add());
        batch.execute();
    }

    static String idempotencyKey(CloudEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String key = event.tenantId() + '\0' + event.source() + '\0' + event.id();
            return HEX.formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
