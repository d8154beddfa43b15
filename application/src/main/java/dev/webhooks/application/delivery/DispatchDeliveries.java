package dev.webhooks.application.delivery;

import dev.webhooks.domain.delivery.AttemptOutcome;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.OutgoingRequest;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.delivery.RetrySchedule;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.port.DeliverySender;
import dev.webhooks.domain.webhook.DisabledReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import dev.webhooks.domain.delivery.DeliveryId;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;

/**
 * Sends due deliveries: claims as many as there are free sending slots, sends each on the executor, and collects
 * the results, which {@link #recordCompleted()} writes in batches (claiming and recording may run on two threads).
 * A webhook has at most {@code maxInFlightPerWebhook} attempts in flight (and as many claimed, waiting their turn
 * without a slot), so a slow or hanging target holds only its own few slots and never delays the others. A claim is
 * a lease: if this process dies mid-send, the delivery becomes due again and is sent once more (at least once, never
 * lost).
 */
public final class DispatchDeliveries {
    public static final String GONE = "GONE";
    private static final System.Logger LOG = System.getLogger(DispatchDeliveries.class.getName());

    private final DeliveryQueue queue;
    private final DeliverySender sender;
    private final Settings settings;
    private final Clock clock;
    private final Executor executor;
    private final Semaphore slots;
    private final RandomGenerator random;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** Claimed deliveries waiting for their webhook's turn, in all lanes. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final LinkedBlockingQueue<DeliveryQueue.Result> completed = new LinkedBlockingQueue<>();
    /** Released once per finished attempt, for the claiming loop to wait on. */
    private final Semaphore finished = new Semaphore(0);
    /** Deliveries claimed by this instance whose attempt has not finished yet. */
    private final Map<DeliveryId, Boolean> unfinished = new ConcurrentHashMap<>();
    private static final int MAX_RECORD_BATCH = 500;

    /** Told about every finished attempt (for metrics). */
    @FunctionalInterface
    public interface AttemptListener {
        AttemptListener NONE = (delivery, attempt, finishedAt) -> { };

        void attempted(Delivery delivery, DeliveryAttempt attempt, Instant finishedAt);
    }

    /** Tuning: in-flight attempts (in all and per webhook), lease length, per-attempt timeout, retry schedule. */
    public record Settings(int maxInFlight, int maxInFlightPerWebhook, Duration lease, Duration attemptTimeout,
                           RetrySchedule schedule) {
    }

    /** How soon a delivery held back because its webhook is at its in-flight limit is looked at again. */
    static final Duration WEBHOOK_BUSY_RETRY = Duration.ofSeconds(1);

    private final AttemptListener listener;

    public DispatchDeliveries(DeliveryQueue queue, DeliverySender sender, Settings settings, Clock clock, Executor executor,
                              RandomGenerator random, AttemptListener listener) {
        this.listener = listener;
        this.queue = queue;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.slots = new Semaphore(settings.maxInFlight());
        this.random = random;
    }

    /**
     * Claims what is due into the free slots and starts it; returns how many were claimed. A delivery whose webhook
     * has its limit of attempts in flight waits here, without a slot, for the webhook's next free turn (no more than
     * that limit per webhook and {@code maxInFlight} in all, so each starts well within its lease); beyond that it is
     * handed back to the queue for a second.
     */
    public int dispatchDue() {
        int free = slots.drainPermits();
        if (free == 0) {
            return 0;
        }
        List<DeliveryQueue.Claimed> claimed;
        try {
            claimed = queue.claimDue(clock.instant(), free, settings.lease());
        } finally {
            slots.release(free);
        }
        List<DeliveryId> webhookBusy = new ArrayList<>();
        for (DeliveryQueue.Claimed delivery : claimed) {
            Lane lane = lanes.computeIfAbsent(keyOf(delivery), key -> new Lane());
            unfinished.put(delivery.delivery().id(), Boolean.TRUE);
            switch (lane.admit(delivery)) {
                case STARTED -> {
                    slots.acquireUninterruptibly();
                    executor.execute(() -> sendInTurn(delivery, lane));
                }
                case WAITING -> { }
                case FULL -> {
                    unfinished.remove(delivery.delivery().id());
                    webhookBusy.add(delivery.delivery().id());
                }
            }
        }
        queue.postpone(webhookBusy, clock.instant().plus(WEBHOOK_BUSY_RETRY));
        return claimed.size() - webhookBusy.size();
    }

    private static String keyOf(DeliveryQueue.Claimed claimed) {
        return claimed.webhook().id().toString();
    }

    /**
     * Sends a delivery, then, keeping its slot and its webhook's turn, each delivery of that webhook waiting for one
     * (until the executor is shut down).
     */
    private void sendInTurn(DeliveryQueue.Claimed first, Lane lane) {
        try {
            for (DeliveryQueue.Claimed next = first; next != null; next = lane.next()) {
                sendAndRecord(next);
                if (Thread.currentThread().isInterrupted()) {
                    lane.giveBack();
                    return;
                }
            }
        } finally {
            slots.release();
        }
    }

    /** One webhook's attempts on this instance: how many are in flight, and the claimed ones waiting for a turn. */
    private final class Lane {
        private final java.util.ArrayDeque<DeliveryQueue.Claimed> queued = new java.util.ArrayDeque<>();
        private int inFlight;

        synchronized Admission admit(DeliveryQueue.Claimed delivery) {
            if (inFlight < settings.maxInFlightPerWebhook()) {
                inFlight++;
                return Admission.STARTED;
            }
            if (queued.size() < settings.maxInFlightPerWebhook() && takeWaitingPlace()) {
                queued.add(delivery);
                return Admission.WAITING;
            }
            return Admission.FULL;
        }

        /** After an attempt: the next waiting delivery takes over the turn, or the turn is given back. */
        synchronized DeliveryQueue.Claimed next() {
            DeliveryQueue.Claimed next = queued.poll();
            if (next == null) {
                inFlight--;
            } else {
                waiting.decrementAndGet();
            }
            return next;
        }

        /** The turn ends early (shutdown); what still waits is handed back with the unfinished deliveries. */
        synchronized void giveBack() {
            inFlight--;
        }
    }

    private enum Admission { STARTED, WAITING, FULL }

    /** At most {@code maxInFlight} claimed deliveries wait for a turn on this instance, in all lanes together. */
    private boolean takeWaitingPlace() {
        if (waiting.incrementAndGet() <= settings.maxInFlight()) {
            return true;
        }
        waiting.decrementAndGet();
        return false;
    }

    /**
     * Records the results of finished attempts in one batch. If that fails (database down) they are kept for the next
     * call; if the process dies first, the leases run out and the deliveries are sent again (at least once).
     */
    public int recordCompleted() {
        List<DeliveryQueue.Result> batch = new ArrayList<>();
        completed.drainTo(batch, MAX_RECORD_BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            queue.record(batch);
        } catch (RuntimeException e) {
            completed.addAll(batch);
            throw e;
        }
        return batch.size();
    }

    /**
     * At shutdown, after the senders were given their grace period: hands back the leases of attempts that did not
     * finish, so another instance (or the next start) sends them at once instead of after the lease.
     */
    public int releaseUnfinished() {
        List<DeliveryId> ids = new ArrayList<>(unfinished.keySet());
        queue.postpone(ids, clock.instant());
        ids.forEach(unfinished::remove);
        return ids.size();
    }

    public int inFlight() {
        return settings.maxInFlight() - slots.availablePermits();
    }

    /** Whether every sending slot is taken, so more due deliveries may be waiting for one. */
    public boolean saturated() {
        return slots.availablePermits() == 0;
    }

    /** Waits up to {@code timeout} until an attempt finished since the last call (a slot and a turn are free). */
    public void awaitFinishedAttempt(Duration timeout) throws InterruptedException {
        finished.tryAcquire(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        finished.drainPermits();
    }

    /** Waits up to {@code timeout} for a finished attempt, then records what has finished; returns how many. */
    public int recordCompleted(Duration timeout) throws InterruptedException {
        DeliveryQueue.Result first = completed.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first != null) {
            completed.add(first);
        }
        return recordCompleted();
    }

    private void sendAndRecord(DeliveryQueue.Claimed claimed) {
        try {
            Instant started = clock.instant();
            OutgoingRequest outgoing = OutgoingRequest.of(claimed.delivery(), claimed.webhook(), started, settings.attemptTimeout());
            DeliveryAttempt attempt = sender.send(outgoing.request());
            completed.add(resultOf(claimed, outgoing, attempt, started));
            finished.release();
            listener.attempted(claimed.delivery(), attempt, clock.instant());
            unfinished.remove(claimed.delivery().id());
        } catch (RuntimeException e) {
            // Left unfinished: its lease runs out (or is handed back at shutdown) and it is sent again.
            LOG.log(System.Logger.Level.WARNING, "delivery " + claimed.delivery().id() + " could not be attempted: " + e);
        }
    }

    private DeliveryQueue.Result resultOf(DeliveryQueue.Claimed claimed, OutgoingRequest outgoing, DeliveryAttempt attempt, Instant at) {
        Delivery delivery = claimed.delivery();
        int attempts = delivery.attempts() + 1;
        RecordedAttempt recorded = new RecordedAttempt(at, outgoing.request().url(), outgoing.recordedHeaders(),
                attempt.statusCode(), attempt.responseHeaders(), attempt.responseBody(), attempt.statusMessage());
        Optional<Instant> retryAt = attempt.outcome() == AttemptOutcome.RETRYABLE
                ? settings.schedule().nextAttempt(attempts, clock.instant(), attempt.retryAfter(), random) : Optional.empty();
        DeliveryState state = attempt.outcome() == AttemptOutcome.SUCCESS ? DeliveryState.SUCCEEDED
                : retryAt.isPresent() ? DeliveryState.PENDING : DeliveryState.FAILED;
        DisabledReason disable = attempt.outcome() == AttemptOutcome.GONE
                ? new DisabledReason(GONE, "The receiver answered 410 Gone, asking for no more deliveries.") : null;
        return new DeliveryQueue.Result(delivery.id(), delivery.tenantId(), delivery.webhookId().toString(), recorded,
                state, retryAt.orElse(null), disable);
    }
}
