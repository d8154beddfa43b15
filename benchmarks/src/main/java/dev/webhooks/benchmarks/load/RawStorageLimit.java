package dev.webhooks.benchmarks.load;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The raw storage limit S: the database work of a delivery's life with no HTTP and no service code around it, in the
 * largest batches the driver rewrites into multi-row statements: insert the row, claim it (lock each webhook's oldest
 * due rows with {@code SKIP LOCKED}, as the service's per-webhook queues do, and move them to the end of a lease),
 * record the attempt (update state and response).
 */
final class RawStorageLimit {
    private static final String TENANT = "bench-raw-storage";
    private static final int BATCH = 500;

    private RawStorageLimit() {
    }

    /**
     * Deliveries per second through insert, claim and record, using {@code threads} connections; the rows belong to
     * the given (existing) webhooks and are deleted afterwards.
     */
    static double measure(BenchDatabase database, List<String> webhookIds, String body, int deliveries, int threads) throws InterruptedException {
        Jdbi jdbi = Jdbi.create(database.url() + "&rewriteBatchedStatements=true", database.user(), database.password());
        AtomicInteger remaining = new AtomicInteger(deliveries);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            workers.execute(() -> jdbi.useHandle(handle -> {
                for (int n = remaining.getAndAdd(-BATCH); n > 0; n = remaining.getAndAdd(-BATCH)) {
                    insert(handle, Math.min(BATCH, n), webhookIds, body);
                    done.addAndGet(record(handle, claim(handle, webhookIds)));
                }
            }));
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        jdbi.useHandle(handle -> handle.execute("DELETE FROM deliveries WHERE tenant_id = ?", TENANT));
        return done.get() / seconds;
    }

    private static void insert(Handle handle, int count, List<String> webhookIds, String body) {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        handle.useTransaction(tx -> {
            PreparedBatch batch = tx.prepareBatch("INSERT INTO deliveries (id, tenant_id, webhook_id, event_id, event_type,"
                    + " triggered_at, body, state, status, attempts, next_attempt_at) VALUES (:id, :tenant, :webhook, :event,"
                    + " :type, :at, :body, 'PENDING', 'fail', 0, :at)");
            for (int i = 0; i < count; i++) {
                batch.bind("id", UUID.randomUUID().toString()).bind("tenant", TENANT)
                        .bind("webhook", webhookIds.get(i % webhookIds.size()))
                        .bind("event", "raw-" + UUID.randomUUID()).bind("type", BenchService.EVENT_TYPE)
                        .bind("at", now).bind("body", body).add();
            }
            batch.execute();
        });
    }

    private static List<String> claim(Handle handle, List<String> webhookIds) {
        return handle.inTransaction(tx -> {
            List<String> queues = new ArrayList<>();
            for (int i = 0; i < webhookIds.size(); i++) {
                queues.add("(SELECT id FROM deliveries WHERE webhook_id = :webhook" + i + " AND state = 'PENDING'"
                        + " AND next_attempt_at <= :now AND tenant_id = :tenant ORDER BY next_attempt_at LIMIT :max"
                        + " FOR UPDATE SKIP LOCKED)");
            }
            org.jdbi.v3.core.statement.Query query = tx.createQuery(String.join(" UNION ALL ", queues))
                    .bind("now", Timestamp.from(Instant.now().plusSeconds(1)))
                    .bind("tenant", TENANT).bind("max", BATCH / webhookIds.size() + 1);
            for (int i = 0; i < webhookIds.size(); i++) {
                query.bind("webhook" + i, webhookIds.get(i));
            }
            List<String> ids = query.mapTo(String.class).list();
            if (!ids.isEmpty()) {
                tx.createUpdate("UPDATE deliveries SET next_attempt_at = :lease WHERE id IN (<ids>)")
                        .bind("lease", Timestamp.from(Instant.now().plusSeconds(60)))
                        .bindList("ids", new ArrayList<>(ids)).execute();
            }
            return ids;
        });
    }

    private static int record(Handle handle, List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        handle.useTransaction(tx -> {
            PreparedBatch batch = tx.prepareBatch("UPDATE deliveries SET state = 'SUCCEEDED', status = 'success',"
                    + " attempts = attempts + 1, next_attempt_at = NULL, last_attempt_at = :at, request_url = :url,"
                    + " request_headers = :headers, status_code = 200, response_headers = '{}', response_body = '',"
                    + " status_message = 'OK' WHERE id = :id");
            for (String id : ids) {
                batch.bind("at", now).bind("url", "http://127.0.0.1/hook/0/0")
                        .bind("headers", "{\"content-type\":\"application/json\",\"webhook-id\":\"" + id + "\"}")
                        .bind("id", id).add();
            }
            batch.execute();
        });
        return ids.size();
    }
}
