package dev.webhooks.benchmarks.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A delivery history loaded before the run, as a store holds after a week of traffic: delivered deliveries (one per
 * matching webhook of an event) with their event rows, triggered evenly over the retention period (7 days) up to a
 * minute ago, written on several connections in multi-row inserts.
 */
final class HistoryLoad {
    /** The configured retention; the history starts a little after its cutoff so the retention worker keeps it all. */
    static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration KEPT_MARGIN = Duration.ofMinutes(10);
    private static final int CHUNK = 2000;
    private static final int CONNECTIONS = 4;

    /** What the load did. */
    record Figures(int deliveries, int events, double seconds) {
        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        double rowsPerSecond() {
            return (deliveries + events) / seconds;
        }
    }

    private final Jdbi jdbi;
    private final List<String> webhookIds;
    private final int matching;
    private final int chunk;
    private final Instant oldest;
    private final long spanMillis;

    HistoryLoad(BenchDatabase database, List<String> webhookIds, int matching) {
        this.jdbi = database.batchingJdbi();
        this.webhookIds = webhookIds;
        this.matching = matching;
        this.chunk = Math.max(matching, CHUNK / matching * matching);
        Instant now = Instant.now();
        this.oldest = now.minus(RETENTION).plus(KEPT_MARGIN);
        this.spanMillis = Duration.between(oldest, now.minusSeconds(60)).toMillis();
    }

    Figures load(int deliveries) throws InterruptedException {
        int events = (deliveries + matching - 1) / matching;
        AtomicInteger nextChunk = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
        for (int t = 0; t < CONNECTIONS; t++) {
            workers.execute(() -> jdbi.useHandle(handle -> {
                for (int first = nextChunk.getAndAdd(chunk); first < deliveries; first = nextChunk.getAndAdd(chunk)) {
                    insertChunk(handle, first, Math.min(deliveries, first + chunk), events);
                }
            }));
        }
        workers.shutdown();
        if (!workers.awaitTermination(6, TimeUnit.HOURS)) {
            throw new IllegalStateException("loading the history did not finish");
        }
        return new Figures(deliveries, events, (System.nanoTime() - start) / 1e9);
    }

    /** Deliveries {@code from} (the first of an event: chunks hold whole events) to {@code to}, in one transaction. */
    private void insertChunk(Handle handle, int from, int to, int events) {
        StoreRows rows = new StoreRows();
        byte[] eventRef = null;
        for (int delivery = from; delivery < to; delivery++) {
            int event = delivery / matching;
            int group = event % (webhookIds.size() / matching);
            String tenant = BenchService.tenant(group);
            Instant triggered = oldest.plusMillis(spanMillis * event / events);
            if (delivery % matching == 0) {
                eventRef = rows.addEvent(tenant, triggered, body(event, tenant));
            }
            rows.addSucceeded(eventRef, tenant, webhookIds.get(group * matching + delivery % matching), "history-" + event,
                    triggered);
        }
        handle.useTransaction(rows::insert);
    }

    private static String body(int event, String tenant) {
        return "{\"specversion\":\"1.0\",\"id\":\"history-" + event + "\",\"source\":\"com.example/bench\",\"type\":\""
                + BenchService.EVENT_TYPE + "\",\"tenantid\":\"" + tenant + "\",\"userid\":\"bench-user\","
                + "\"data\":{\"id\":\"app-" + event + "\",\"name\":\"Quarterly sales " + event + "\",\"spaceId\":\"space-1\"}}";
    }
}
