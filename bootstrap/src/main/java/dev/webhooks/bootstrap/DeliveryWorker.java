package dev.webhooks.bootstrap;

import dev.webhooks.application.delivery.DispatchDeliveries;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delivery loops, each on its own thread so their transactions overlap. One claims what is due into the
 * free sending slots; while deliveries flow (it claimed some, or every slot is taken) it then waits only for an
 * attempt to finish, so fast receivers are fed as fast as they answer, and when nothing was due it waits for the poll
 * interval or a {@link #wake() wake-up} (this instance stored new deliveries). The other records finished attempts
 * in batches. A failing step is logged and tried again after the poll interval.
 */
final class DeliveryWorker implements Managed, dev.webhooks.bootstrap.ops.Tasks.DeliverySwitch {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DispatchDeliveries dispatch;
    private final Duration pollInterval;
    private final ExecutorService loops = Executors.newFixedThreadPool(2, daemon("delivery-loop"));
    private final Semaphore wakeUps = new Semaphore(0);
    static final Duration BATCH_WINDOW = Duration.ofMillis(10);
    private volatile boolean running;
    private volatile boolean paused;
    private volatile java.time.Instant lastPoll;

    DeliveryWorker(DispatchDeliveries dispatch, Duration pollInterval) {
        this.dispatch = dispatch;
        this.pollInterval = pollInterval;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start() {
        running = true;
        loops.execute(this::claimLoop);
        loops.execute(this::recordLoop);
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        wake();
        loops.shutdown();
        loops.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** New deliveries are due: start a round now instead of at the next poll. */
    void wake() {
        wakeUps.release();
    }

    /**
     * At shutdown, after the senders' grace period: records what finished and hands back the leases of what did not.
     */
    void recordRemaining() {
        try {
            while (dispatch.recordCompleted() > 0) {
                // flush everything finished
            }
            int released = dispatch.releaseUnfinished();
            if (released > 0) {
                LOG.info("released {} unfinished deliveries for another instance or the next start", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record delivery results; their leases will run out and they will be sent again: {}", e.toString());
        }
    }

    /** Stops claiming new deliveries on this instance; what is in flight finishes and is recorded. */
    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    boolean isPaused() {
        return paused;
    }

    /** When the last poll finished (claiming or, while paused, only recording); null before the first. */
    java.time.Instant lastPoll() {
        return lastPoll;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public int inFlight() {
        return dispatch.inFlight();
    }

    private void claimLoop() {
        repeat("delivery poll", () -> {
            long started = System.nanoTime();
            int claimed = paused ? 0 : dispatch.dispatchDue();
            lastPoll = java.time.Instant.now();
            if (claimed > 0 || dispatch.saturated()) {
                dispatch.awaitFinishedAttempt(pollInterval);
            } else {
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            }
            gatherFor(started);
        });
    }

    private void recordLoop() {
        repeat("recording delivery results", () -> {
            long started = System.nanoTime();
            dispatch.recordCompleted(pollInterval);
            gatherFor(started);
        });
    }

    /**
     * Lets a step start at most every {@link #BATCH_WINDOW}: attempts finish and events arrive one by one, and a
     * transaction (with its commit) per delivery would cost the database more than the deliveries themselves.
     */
    private static void gatherFor(long stepStartedNanos) throws InterruptedException {
        long remaining = BATCH_WINDOW.toNanos() - (System.nanoTime() - stepStartedNanos);
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    /** A step that can fail (database down) and is tried again after the poll interval, until the worker stops. */
    private interface Step {
        void run() throws InterruptedException;
    }

    private void repeat(String what, Step step) {
        try {
            while (running) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed; retrying after the poll interval: {}", what, e.toString());
                    Thread.sleep(pollInterval.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pool the sends run on; sized to the number of in-flight attempts. */
    static ExecutorService senders(int size) {
        return Executors.newFixedThreadPool(size, daemon("delivery-sender"));
    }
}
