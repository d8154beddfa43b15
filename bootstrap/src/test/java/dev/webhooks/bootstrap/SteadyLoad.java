package dev.webhooks.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A steady load on a running service, for outage tests: one thread publishes events (single ones and batches of
 * five), another reads a webhook and its deliveries. Every answer is kept with the phase it was asked in.
 */
final class SteadyLoad implements AutoCloseable {
    /** Before, during and after the trouble. */
    enum Phase { BEFORE, OUTAGE, AFTER, AFTER_QUIET_RESTART }

    /** One call: when and in which phase it was made, its answer, and the events it published (none for reads). */
    record Call(Phase phase, long sentAt, String what, ServiceCalls.Answer answer, List<Workload.Event> events) {
        boolean isPublish() {
            return !events.isEmpty();
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
        threads.add(loop("publisher", this::publish, 20));
        threads.add(loop("reader", this::read, 50));
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
        return new Call(now, sentAt, "POST /api/v1/events", calls.publish(events), events);
    }

    private Call read() {
        String path = "/api/v1/webhooks/" + webhookId + (reads.getAndIncrement() % 2 == 0 ? "" : "/deliveries?limit=5");
        Phase now = phase;
        long sentAt = System.nanoTime();
        return new Call(now, sentAt, "GET " + path, calls.get(tenant, path), List.of());
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
