package dev.webhooks.engine;

import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryPolicy.Decision;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects finished attempts and records them in batches of up to {@value #MAX_BATCH}, one transaction each, then
 * tells when the retries it scheduled are due (so they are claimed on time without waiting for a look at the queue),
 * and that an ordered webhook whose delivery has just finished has its next one due now (the head has moved on).
 * A batch that cannot be recorded (database down) goes back to the front and is tried again; if the process dies
 * first, the leases run out and the deliveries are sent again (at least once, never lost).
 */
final class Recorder {
    static final int MAX_BATCH = 500;

    private final RecordAttempts recordAttempts;
    private final Consumer<List<DueWebhook>> dueAgain;
    private final LinkedBlockingDeque<Finished> finished = new LinkedBlockingDeque<>();

    Recorder(RecordAttempts recordAttempts, Consumer<List<DueWebhook>> dueAgain) {
        this.recordAttempts = recordAttempts;
        this.dueAgain = dueAgain;
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
        dueAgain.accept(dueAgain(batch, decisions));
        return batch.size();
    }

    private static List<DueWebhook> dueAgain(List<Finished> batch, List<Decision> decisions) {
        List<DueWebhook> due = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Finished finished = batch.get(i);
            Delivery delivery = finished.claimed().delivery();
            Decision decision = decisions.get(i);
            Optional<Instant> at = finished.claimed().ordered() ? Optional.of(decision.nextAttemptAt().orElse(finished.finishedAt()))
                    : decision.nextAttemptAt().filter(retry -> decision.attemptCounted());
            at.ifPresent(dueAt -> due.add(new DueWebhook(delivery.tenantId(), delivery.webhookId(), dueAt)));
        }
        return due;
    }

    int waiting() {
        return finished.size();
    }
}
