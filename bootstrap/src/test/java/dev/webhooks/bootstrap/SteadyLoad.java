package dev.webhooks.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A steady load on a running service, for outage tests: threads that publish events (single ones and batches of
 * five) and threads that read a webhook and its deliveries, one of each unless told otherwise. Every answer is kept
 * with the phase it was asked in.
 */
final class SteadyLoad implements AutoCloseable {
    /** Before, during and after the trouble. */
    enum Phase { BEFORE, OUTAGE, AFTER, AFTER_QUIET_RESTART }

    /**
     * One call: when and in which phase it was made, how long its answer took, the answer, and the events it published
     * (none for reads).
     */
    record Call(Phase phase, long sentAt, Duration took, String what, ServiceCalls.Answer answer, List<Workload.Event> events) {
        boolean isPublish() {
            return !events.isEmpty();
        }

        boolean isSuccess() {
            return answer.status() >= 200 && answer.status() < 300;
        }

        /** A 503 in the reference error envelope: one error with code, title and detail, and a trace id. */
        boolean isUnavailableWithEnvelope() {
            if (answer.status() != 503) {
                return false;
            }
            JsonNode body = answer.json();
            JsonNode error = body.path("errors").path(0);
            return body.path("traceId").isTextual() && body.path("errors").size() == 1
                    && error.path("code").isTextual() && error.path("title").isTextual() && error.path("detail").isTextual();
        }
    }

    private final ServiceCalls calls;
    private final Workload workload;
    private final String tenant;
    private final String webhookId;
    private final Queue<Call> made = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger publishes = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Phase phase = Phase.BEFORE;
    private volatile boolean running = true;
    private volatile boolean paused;

    SteadyLoad(ServiceCalls calls, Workload workload, String tenant, String webhookId) {
        this.calls = calls;
        this.workload = workload;
        this.tenant = tenant;
        this.webhookId = webhookId;
    }

    void start() {
        start(1, 1);
    }

    /** Starts this many publishing and reading threads. */
    void start(int publishers, int readers) {
        for (int i = 0; i < publishers; i++) {
            threads.add(loop("publisher-" + i, this::publish, 20));
        }
        for (int i = 0; i < readers; i++) {
            threads.add(loop("reader-" + i, this::read, 50));
        }
    }

    void phase(Phase next) {
        phase = next;
    }

    /** No more calls until {@link #resume()}; returns once the calls in progress are answered. */
    void pause() {
        paused = true;
        sleep(1_000);
    }

    void resume() {
        paused = false;
    }

    private Thread loop(String name, Supplier<Call> call, long pauseMillis) {
        Thread thread = new Thread(() -> {
            while (running) {
                if (!paused) {
                    made.add(call.get());
                }
                sleep(pauseMillis);
            }
        }, "steady-load-" + name);
        thread.start();
        return thread;
    }

    private Call publish() {
        List<Workload.Event> events = workload.events(publishes.getAndIncrement() % 2 == 0 ? 1 : 5, "steady-");
        Phase now = phase;
        long sentAt = System.nanoTime();
        ServiceCalls.Answer answer = calls.publish(events);
        return new Call(now, sentAt, Duration.ofNanos(System.nanoTime() - sentAt), "POST /api/v1/events", answer, events);
    }

    private Call read() {
        String path = "/api/v1/webhooks/" + webhookId + (reads.getAndIncrement() % 2 == 0 ? "" : "/deliveries?limit=5");
        Phase now = phase;
        long sentAt = System.nanoTime();
        ServiceCalls.Answer answer = calls.get(tenant, path);
        return new Call(now, sentAt, Duration.ofNanos(System.nanoTime() - sentAt), "GET " + path, answer, List.of());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Call> calls() {
        return new ArrayList<>(made);
    }

    /** The events of every publish that was answered 202. */
    List<Workload.Event> accepted() {
        return calls().stream().filter(call -> call.isPublish() && call.answer().status() == 202)
                .flatMap(call -> call.events().stream()).toList();
    }

    /** Stops the load and waits for the calls in progress. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
