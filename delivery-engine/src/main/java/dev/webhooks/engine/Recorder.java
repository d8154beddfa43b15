package dev.webhooks.engine;

import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.application.delivery.RecordAttempts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Collects finished attempts and records them in batches of up to {@value #MAX_BATCH}, one transaction each. A batch
 * that cannot be recorded (database down) goes back to the front and is tried again; if the process dies first, the
 * leases run out and the deliveries are sent again (at least once, never lost).
 */
final class Recorder {
    static final int MAX_BATCH = 500;

    private final RecordAttempts recordAttempts;
    private final LinkedBlockingDeque<Finished> finished = new LinkedBlockingDeque<>();

    Recorder(RecordAttempts recordAttempts) {
        this.recordAttempts = recordAttempts;
    }

    void add(Finished attempt) {
        finished.add(attempt);
    }

    /** Waits up to {@code timeout} for a finished attempt, then records what has finished; returns how many. */
    int recordNext(Duration timeout) throws InterruptedException {
        Finished first = finished.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            finished.addFirst(first);
        }
        return recordWaiting();
    }

    /** Records one batch of what has finished; returns how many. */
    int recordWaiting() {
        List<Finished> batch = new ArrayList<>();
        finished.drainTo(batch, MAX_BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            recordAttempts.record(batch);
        } catch (RuntimeException e) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                finished.addFirst(batch.get(i));
            }
            throw e;
        }
        return batch.size();
    }

    int waiting() {
        return finished.size();
    }
}
