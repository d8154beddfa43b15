package dev.webhooks.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * A backlog of due deliveries (as after an outage of every receiver) inserted while the service is paused, then
 * drained by the service with its configured heap: how fast, and how much heap it takes at most.
 */
final class BacklogDrain {
    private static final int CHUNK = 5000;
    /** What the drain measured. */
    record Figures(int deliveries, int arrived, int duplicates, double insertSeconds, double drainSeconds,
                   long peakHeapBytes, long maxHeapBytes) {
        double deliveriesPerSecond() {
            return deliveries / drainSeconds;
        }
    }

    private final int size;
    private final int matching;
    private final AtomicIntegerArray arrivals;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong peakHeap = new AtomicLong();

    BacklogDrain(int size, int matchingPerTenant) {
        this.size = size;
        this.matching = matchingPerTenant;
        this.arrivals = new AtomicIntegerArray(size);
    }

    Figures run(BenchService service, BenchDatabase database, BenchReceiver receiver) throws Exception {
        receiver.listen((body, at) -> {
            int seq = EndToEndRun.sequenceOf(body);
            if (seq >= 0 && seq < size) {
                arrivals.incrementAndGet(seq);
                arrived.incrementAndGet();
            }
        });
        long insertStart = System.nanoTime();
        insert(database, service.webhookIds());
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long drainStart = System.nanoTime();
        service.resumeDelivery();
        awaitDrained(memory);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        int duplicates = 0;
        for (int i = 0; i < size; i++) {
            duplicates += Math.max(0, arrivals.get(i) - 1);
        }
        return new Figures(size, arrived.get(), duplicates, insertSeconds, drainSeconds, peakHeap.get(),
                memory.getHeapMemoryUsage().getMax());
    }

    private void insert(BenchDatabase database, List<String> webhookIds) {
        Instant due = Instant.now();
        database.batchingJdbi().useHandle(handle -> {
            for (int first = 0; first < size; first += CHUNK) {
                int from = first;
                handle.useTransaction(tx -> insertChunk(tx, webhookIds, from, Math.min(size, from + CHUNK), due));
            }
        });
    }

    /** One event per delivery, as each carries its own sequence number for the receiver. */
    private void insertChunk(Handle tx, List<String> webhookIds, int from, int to, Instant due) {
        StoreRows rows = new StoreRows();
        for (int seq = from; seq < to; seq++) {
            int webhook = seq % webhookIds.size();
            String tenant = BenchService.tenant(webhook / matching);
            byte[] event = rows.addEvent(tenant, due, body(seq, tenant));
            rows.addPending(event, tenant, webhookIds.get(webhook), "backlog-" + seq, due);
        }
        rows.insert(tx);
    }

    private static String body(int seq, String tenant) {
        return "{\"specversion\":\"1.0\",\"id\":\"backlog-" + seq + "\",\"source\":\"com.example/bench\",\"type\":\""
                + BenchService.EVENT_TYPE + "\",\"tenantid\":\"" + tenant + "\",\"time\":\"2026-11-26T00:00:00Z\","
                + "\"data\":{\"benchSeq\":" + seq + ",\"id\":\"app-" + seq + "\",\"name\":\"Quarterly sales\"}}";
    }

    private void awaitDrained(MemoryMXBean memory) throws InterruptedException {
        int seen = -1;
        long progressAt = System.nanoTime();
        while (arrived.get() < size) {
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            if (arrived.get() != seen) {
                seen = arrived.get();
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > 120_000_000_000L) {
                throw new IllegalStateException("the drain stalled at " + seen + " of " + size);
            }
            Thread.sleep(50);
        }
    }
}
