package dev.webhooks.benchmarks.load;

import static dev.webhooks.benchmarks.load.BatchedConnections.inTransaction;

import dev.webhooks.domain.delivery.TimeOrderedUuid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The raw storage limit S: the store's statements of a delivery's life with no HTTP and no service code around them, in
 * batches the driver rewrites into multi-row statements, as the service runs them: store (one event row holding the
 * body, a delivery row per matching webhook pointing at it), claim (lock each webhook's oldest due rows with
 * {@code SKIP LOCKED}, read them with their bodies from the event rows, move them to the end of a lease), record the
 * attempt. Left out: the service's reads of the small webhook tables and of known idempotency keys.
 */
final class RawStorageLimit {
    private static final String TENANT = "bench-raw-storage";

    private final Jdbi jdbi;
    private final List<String> webhookIds;
    private final int matching;
    private final String body;

    /** The rows go to the given (existing) webhooks, {@code matching} per event, and are deleted afterwards. */
    RawStorageLimit(BenchDatabase database, List<String> webhookIds, int matching, String body) {
        this.jdbi = database.batchingJdbi();
        this.webhookIds = webhookIds;
        this.matching = matching;
        this.body = body;
    }

    /** Deliveries per second through store, claim and record, each connection doing all three in turn. */
    double measure(int deliveries) throws InterruptedException {
        byte[] lowestKey = StoreRows.bytes(TimeOrderedUuid.lowestAt(Instant.now()));
        double perSecond = new BatchedConnections(jdbi).deliveriesPerSecond(deliveries, (handle, size) -> {
            store(handle, size);
            return record(handle, claim(handle));
        });
        deleteRows(lowestKey);
        return perSecond;
    }

    private void store(Handle handle, int count) {
        Instant now = Instant.now();
        StoreRows rows = new StoreRows();
        for (int event = 0; rows.deliveryCount() < count; event++) {
            byte[] eventRef = rows.addEvent(TENANT, now, body);
            int group = event % (webhookIds.size() / matching);
            for (int w = 0; w < matching && rows.deliveryCount() < count; w++) {
                rows.addPending(eventRef, TENANT, webhookIds.get(group * matching + w), "raw-" + event, now);
            }
        }
        inTransaction(handle, tx -> {
            rows.insert(tx);
            return null;
        });
    }

    private List<byte[]> claim(Handle handle) {
        return inTransaction(handle, tx -> {
            List<byte[]> ids = lockDue(tx);
            if (!ids.isEmpty()) {
                tx.createQuery("SELECT d.id, d.webhook_id, d.event_id, IF(d.envelope = 1, e.other_body, e.body) AS body"
                                + " FROM deliveries d JOIN events e ON e.id = d.event_ref WHERE d.id IN (<ids>)"
                                + " ORDER BY d.next_attempt_at")
                        .bindList("ids", ids).mapToMap().list();
                tx.createUpdate("UPDATE deliveries SET next_attempt_at = :lease WHERE id IN (<ids>) AND state = 'PENDING'")
                        .bind("lease", StoreRows.column(Instant.now().plusSeconds(60)))
                        .bindList("ids", ids).execute();
            }
            return ids;
        });
    }

    /** One locking read per webhook queue, in one statement, as the service claims. */
    private List<byte[]> lockDue(Handle tx) {
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < webhookIds.size(); i++) {
            queues.add("(SELECT id FROM deliveries WHERE webhook_id = :webhook" + i + " AND state = 'PENDING'"
                    + " AND next_attempt_at <= :now AND tenant_id = :tenant ORDER BY next_attempt_at LIMIT :max"
                    + " FOR UPDATE SKIP LOCKED)");
        }
        Query query = tx.createQuery(String.join(" UNION ALL ", queues))
                .bind("now", StoreRows.column(Instant.now().plusSeconds(1)))
                .bind("tenant", TENANT).bind("max", BatchedConnections.BATCH / webhookIds.size() + 1);
        for (int i = 0; i < webhookIds.size(); i++) {
            query.bind("webhook" + i, webhookIds.get(i));
        }
        return query.mapTo(byte[].class).list();
    }

    private static int record(Handle handle, List<byte[]> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String now = StoreRows.column(Instant.now());
        inTransaction(handle, tx -> {
            PreparedBatch batch = tx.prepareBatch(StoreRows.RECORD_SUCCESS);
            for (byte[] id : ids) {
                batch.bind("at", now).bind("url", StoreRows.ATTEMPT_URL)
                        .bind("requestHeaders", StoreRows.requestHeaders(id)).bind("id", id).add();
            }
            return batch.execute();
        });
        return ids.size();
    }

    /** Through the time-ordered keys: the measured rows are the newest, however large the tables. */
    private void deleteRows(byte[] lowestKey) {
        jdbi.useHandle(handle -> {
            handle.execute("DELETE FROM deliveries WHERE id >= ? AND tenant_id = ?", lowestKey, TENANT);
            handle.execute("DELETE FROM events WHERE id >= ? AND tenant_id = ?", lowestKey, TENANT);
        });
    }
}
