package dev.webhooks.bootstrap;

import dev.webhooks.application.delivery.DispatchDeliveries;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the delivery queue: every poll claims and starts whatever is due and fits the free sending slots, and keeps
 * claiming while there is more. A failing poll is logged and the next one runs as usual.
 */
final class DeliveryWorker implements Managed, dev.webhooks.bootstrap.ops.Tasks.DeliverySwitch {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DispatchDeliveries dispatch;
    private final Duration pollInterval;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("delivery-poller"));
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
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        poller.shutdown();
        poller.awaitTermination(10, TimeUnit.SECONDS);
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

    private void poll() {
        try {
            dispatch.recordCompleted();
            lastPoll = java.time.Instant.now();
            while (!paused && dispatch.dispatchDue() > 0) {
                dispatch.recordCompleted();
                lastPoll = java.time.Instant.now();
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery poll failed; retrying at the next poll: {}", e.toString());
        }
    }

    /** The pool the sends run on; sized to the number of in-flight attempts. */
    static ExecutorService senders(int size) {
        return Executors.newFixedThreadPool(size, daemon("delivery-sender"));
    }
}
