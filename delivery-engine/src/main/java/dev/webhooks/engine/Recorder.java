package dev.webhooks.engine;

import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryPolicy.Decision;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects finished attempts and records them in batches of up to {@value #MAX_BATCH}, one transaction each, then
 * tells when the retries it scheduled are due (so they are claimed on time without waiting for a look at the queue).
 * A batch that cannot be recorded (database down) goes back to the front and is tried again; if the process dies
 * first, the leases run out and the deliveries are sent again (at least once, never lost).
 */
final class Recorder {
    static final int MAX_BATCH = 500;

    private final RecordAttempts recordAttempts;
    private final Consumer<List<DueWebhook>> retriesDue;
    private final LinkedBlockingDeque<Finished> finished = new LinkedBlockingDeque<>();

    Recorder(RecordAttempts recordAttempts, Consumer<List<DueWebhook>> retriesDue) {
        this.recordAttempts = recordAttempts;
        this.retriesDue = retriesDue;
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
        List<Decision> decisions;
        try {
            decisions = recordAttempts.record(batch);
        } catch (RuntimeException e) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                finished.addFirst(batch.get(i));
            }
            throw e;
        }
        retriesDue.accept(retries(batch, decisions));
        return batch.size();
    }

    private static List<DueWebhook> retries(List<Finished> batch, List<Decision> decisions) {
        List<DueWebhook> retries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Delivery delivery = batch.get(i).claimed().delivery();
            Decision decision = decisions.get(i);
            if (decision.attemptCounted()) {
                decision.nextAttemptAt().ifPresent(at -> retries.add(new DueWebhook(delivery.tenantId(), delivery.webhookId(), at)));
            }
        }
        return retries;
    }

    int waiting() {
        return finished.size();
    }
}
