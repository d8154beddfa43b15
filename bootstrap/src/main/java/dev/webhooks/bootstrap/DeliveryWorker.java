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
 * Runs the delivery loop on one thread: record finished attempts, claim what is due into the free sending slots,
 * then wait. While deliveries flow (this round claimed some, or every slot is taken) it waits only for an attempt to
 * finish, so fast receivers are fed as fast as they answer; when nothing was due it waits for the poll interval or a
 * {@link #wake() wake-up} (this instance stored new deliveries). A failing round is logged and the next one runs after the poll interval.
 */
final class DeliveryWorker implements Managed, dev.webhooks.bootstrap.ops.Tasks.DeliverySwitch {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DispatchDeliveries dispatch;
    private final Duration pollInterval;
    private final ExecutorService poller = Executors.newSingleThreadExecutor(daemon("delivery-poller"));
    private final Semaphore wakeUps = new Semaphore(0);
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
        poller.execute(this::loop);
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        wake();
        poller.shutdown();
        poller.awaitTermination(10, TimeUnit.SECONDS);
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

    private void loop() {
        while (running) {
            try {
                round();
            } catch (RuntimeException e) {
                LOG.warn("delivery poll failed; retrying at the next poll: {}", e.toString());
                sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void round() throws InterruptedException {
        dispatch.recordCompleted();
        int claimed = paused ? 0 : dispatch.dispatchDue();
        lastPoll = java.time.Instant.now();
        if (claimed > 0 || dispatch.saturated()) {
            dispatch.awaitCompletion(pollInterval);
        } else {
            wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pool the sends run on; sized to the number of in-flight attempts. */
    static ExecutorService senders(int size) {
        return Executors.newFixedThreadPool(size, daemon("delivery-sender"));
    }
}
