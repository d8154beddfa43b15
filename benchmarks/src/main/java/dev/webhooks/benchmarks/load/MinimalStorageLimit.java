package dev.webhooks.benchmarks.load;

import static dev.webhooks.benchmarks.load.BatchedConnections.inTransaction;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The minimal storage limit S_min: the least any design has to write durably on this database server, whatever its
 * schema: per event one row holding its body, per delivery one insert (it exists) and one update (its outcome). Same
 * batches, same connections and same body as S, in a scratch database of its own that is dropped afterwards.
 */
final class MinimalStorageLimit {
    private final Jdbi jdbi;
    private final int matching;
    private final byte[] body;
    private final String schema = "webhooks_bench_min_" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong nextId = new AtomicLong();

    MinimalStorageLimit(BenchDatabase database, int matching, String body) {
        this.jdbi = database.batchingJdbi();
        this.matching = matching;
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    /** Deliveries per second through store and record; each connection does both in turn. */
    double measure(int deliveries) throws InterruptedException {
        createSchema();
        try {
            return new BatchedConnections(jdbi).deliveriesPerSecond(deliveries, this::storeAndRecord);
        } finally {
            jdbi.useHandle(handle -> handle.execute("DROP DATABASE " + schema));
        }
    }

    private void createSchema() {
        jdbi.useHandle(handle -> {
            handle.execute("CREATE DATABASE " + schema);
            handle.execute("CREATE TABLE " + schema + ".events (id BIGINT NOT NULL PRIMARY KEY, body MEDIUMBLOB NOT NULL)"
                    + " ENGINE=InnoDB");
            handle.execute("CREATE TABLE " + schema + ".deliveries (id BIGINT NOT NULL PRIMARY KEY, event_id BIGINT NOT NULL,"
                    + " done BOOLEAN NOT NULL) ENGINE=InnoDB");
        });
    }

    private int storeAndRecord(Handle handle, int count) {
        long[] deliveryIds = new long[count];
        inTransaction(handle, tx -> store(tx, deliveryIds));
        inTransaction(handle, tx -> record(tx, deliveryIds));
        return count;
    }

    private int[] store(Handle tx, long[] deliveryIds) {
        PreparedBatch events = tx.prepareBatch("INSERT INTO " + schema + ".events (id, body) VALUES (?, ?)");
        PreparedBatch deliveries = tx.prepareBatch("INSERT INTO " + schema + ".deliveries (id, event_id, done) VALUES (?, ?, FALSE)");
        long event = 0;
        for (int i = 0; i < deliveryIds.length; i++) {
            if (i % matching == 0) {
                event = nextId.incrementAndGet();
                events.add(event, body);
            }
            deliveryIds[i] = nextId.incrementAndGet();
            deliveries.add(deliveryIds[i], event);
        }
        events.execute();
        return deliveries.execute();
    }

    private int[] record(Handle tx, long[] deliveryIds) {
        PreparedBatch done = tx.prepareBatch("UPDATE " + schema + ".deliveries SET done = TRUE WHERE id = ?");
        for (long id : deliveryIds) {
            done.add(id);
        }
        return done.execute();
    }
}
