package dev.webhooks.benchmarks.load;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the events through {@code POST /api/v1/events} and waits until every delivery arrived at the receiver.
 * Each event carries its sequence number in its data, so the receiver can time the delivery from its publish.
 */
final class EndToEndRun {
    private static final String SEQ = "\"benchSeq\":";
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Work run beside the publishing, once the warm-up is published (a purge, say); returns what it did. */
    interface SideTask {
        String run() throws Exception;
    }

    /** What the side task did, how long it took, and the latencies of the events published while it ran. */
    record SideFigures(String outcome, double seconds, Latencies latencies) {
    }

    /** What a run measured; the publish requests and latencies leave out the warm-up. */
    record Figures(int accepted, int rejected, int expected, int arrived, int duplicates, double publishSeconds,
                   double seconds, Latencies latencies, Latencies publishRequests, Optional<SideFigures> side) {
        double deliveriesPerSecond() {
            return expected / seconds;
        }

        /** Events accepted per second of publishing. */
        double acceptedPerSecond() {
            return accepted / publishSeconds;
        }
    }

    private final LoadOptions options;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLongArray publishedAt;
    private final AtomicIntegerArray arrivals;
    private final Latencies latencies;
    private final Latencies publishRequests;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong lastArrival = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final CountDownLatch warmedUp = new CountDownLatch(1);
    private final Latencies duringSideTask;
    private volatile long sideTaskStart = Long.MAX_VALUE;
    private volatile long sideTaskEnd = Long.MAX_VALUE;

    EndToEndRun(LoadOptions options) {
        this.options = options;
        this.publishedAt = new AtomicLongArray(options.events());
        this.arrivals = new AtomicIntegerArray(options.events());
        this.latencies = new Latencies(options.deliveries());
        this.publishRequests = new Latencies(options.events());
        this.duringSideTask = new Latencies(options.deliveries());
    }

    Figures run(BenchService service, BenchReceiver receiver, Optional<SideTask> sideTask) throws Exception {
        receiver.listen(this::arrived);
        Optional<CompletableFuture<SideFigures>> side = sideTask.map(this::startAfterWarmUp);
        long start = System.nanoTime();
        publishAll(service, start);
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        int expected = accepted.get() * options.matching();
        awaitArrivals(expected, service);
        int duplicates = Math.max(0, arrived.get() - expected);
        return new Figures(accepted.get(), rejected.get(), expected, arrived.get(), duplicates, publishSeconds,
                (lastArrival.get() - start) / 1e9, latencies, publishRequests, side.map(CompletableFuture::join));
    }

    private CompletableFuture<SideFigures> startAfterWarmUp(SideTask task) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<SideFigures> side = CompletableFuture.supplyAsync(() -> {
            try {
                warmedUp.await();
                sideTaskStart = System.nanoTime();
                String outcome = task.run();
                sideTaskEnd = System.nanoTime();
                return new SideFigures(outcome, (sideTaskEnd - sideTaskStart) / 1e9, duringSideTask);
            } catch (Exception e) {
                throw new IllegalStateException("the task beside the run failed", e);
            }
        }, thread);
        thread.shutdown();
        return side;
    }

    private void publishAll(BenchService service, long start) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService publishers = Executors.newFixedThreadPool(options.publishers());
        for (int p = 0; p < options.publishers(); p++) {
            publishers.execute(() -> publishUntilDone(service, next, start));
        }
        publishers.shutdown();
        publishers.awaitTermination(1, TimeUnit.HOURS);
        warmedUp.countDown();
    }

    private void publishUntilDone(BenchService service, AtomicInteger next, long start) {
        for (int first = next.getAndAdd(options.batch()); first < options.events(); first = next.getAndAdd(options.batch())) {
            int last = Math.min(options.events(), first + options.batch());
            if (options.rate() > 0) {
                waitUntil(start + (long) (first * 1e9 / options.rate()));
            }
            publish(service, first, last);
        }
    }

    private void publish(BenchService service, int first, int last) {
        StringBuilder body = new StringBuilder(options.batch() > 1 ? "[" : "");
        long now = System.nanoTime();
        for (int seq = first; seq < last; seq++) {
            body.append(seq > first ? "," : "").append(event(seq));
            publishedAt.set(seq, now);
        }
        try {
            int status = service.publish(body.append(options.batch() > 1 ? "]" : "").toString(), options.batch() > 1);
            if (first >= options.warmUp()) {
                publishRequests.add(System.nanoTime() - now);
            }
            (status == 202 ? accepted : rejected).addAndGet(last - first);
        } catch (Exception e) {
            rejected.addAndGet(last - first);
        }
        if (last >= options.warmUp()) {
            warmedUp.countDown();
        }
    }

    private String event(int seq) {
        return "{\"specversion\":\"1.0\",\"id\":\"bench-" + runId + "-" + seq + "\",\"source\":\"com.example/bench\","
                + "\"type\":\"" + BenchService.EVENT_TYPE + "\",\"tenantid\":\"" + BenchService.tenant(seq % options.tenants())
                + "\",\"userid\":\"bench-user\",\"data\":{\"benchSeq\":" + seq + ",\"id\":\"app-" + seq
                + "\",\"name\":\"Quarterly sales " + seq + "\",\"spaceId\":\"space-1\"}}";
    }

    private static void waitUntil(long nanos) {
        for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private void arrived(String body, long at) {
        int seq = sequenceOf(body);
        if (seq < 0 || seq >= options.events()) {
            return;
        }
        long published = publishedAt.get(seq);
        if (arrivals.incrementAndGet(seq) <= options.matching() && seq >= options.warmUp()) {
            latencies.add(at - published);
            if (published >= sideTaskStart && published <= sideTaskEnd) {
                duringSideTask.add(at - published); // the end is still unset while the task runs
            }
        }
        arrived.incrementAndGet();
        lastArrival.accumulateAndGet(at, Math::max);
    }

    static int sequenceOf(String body) {
        int at = body.indexOf(SEQ);
        if (at < 0) {
            return -1;
        }
        int value = 0;
        for (int i = at + SEQ.length(); i < body.length() && Character.isDigit(body.charAt(i)); i++) {
            value = value * 10 + (body.charAt(i) - '0');
        }
        return value;
    }

    private void awaitArrivals(int expected, BenchService service) throws InterruptedException {
        int seen = -1;
        long progressAt = System.nanoTime();
        while (arrived.get() < expected) {
            if (arrived.get() != seen) {
                seen = arrived.get();
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                throw new IllegalStateException("deliveries stalled at " + seen + " of " + expected + "; " + service.deliveryCounts());
            }
            Thread.sleep(20);
        }
        Thread.sleep(500); // late duplicates, if any, still count
    }
}
