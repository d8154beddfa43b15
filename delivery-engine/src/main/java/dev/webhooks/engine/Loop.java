package dev.webhooks.engine;

import dev.webhooks.application.ops.OutageLog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One of the engine's loops on a thread of its own: runs its step again and again until stopped, at most once per
 * batch window (work that arrives meanwhile is taken in one go, one transaction instead of many), and after a failed
 * step (the database is down or hangs) waits the retry interval; failures are logged as outages, not one line each.
 */
final class Loop {
    /** One turn of the loop; it may wait (for work) itself. */
    @FunctionalInterface
    interface Step {
        void run() throws InterruptedException;
    }

    private final Step step;
    private final Duration batchWindow;
    private final Duration retryInterval;
    private final OutageLog outages;
    private final Thread thread;
    private final Semaphore hurried = new Semaphore(0);
    private volatile boolean running;

    Loop(String name, Step step, Duration batchWindow, Duration retryInterval, Clock clock) {
        this.step = step;
        this.batchWindow = batchWindow;
        this.retryInterval = retryInterval;
        this.outages = new OutageLog(name, "failed steps", Duration.ZERO, System.getLogger(Loop.class.getName()), clock);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    /**
     * Ends the current batch window at once (or spares the next): for work that must not wait to be batched, such as an
     * ordered webhook's next turn, which nothing else can take meanwhile.
     */
    void hurry() {
        hurried.release();
    }

    /** Stops after the current step (whose waits are short); interrupts it if it has not ended within {@code timeout}. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(Math.max(1, timeout.toMillis()));
        }
    }

    private void run() {
        try {
            while (running) {
                long started = System.nanoTime();
                try {
                    step.run();
                    outages.succeeded();
                } catch (RuntimeException e) {
                    outages.failed(e);
                    TimeUnit.MILLISECONDS.sleep(retryInterval.toMillis());
                }
                long remaining = batchWindow.toNanos() - (System.nanoTime() - started);
                if (remaining > 0) {
                    hurried.tryAcquire(remaining, TimeUnit.NANOSECONDS);
                }
                hurried.drainPermits();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
