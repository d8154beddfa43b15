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
 * the results, which {@link #recordCompleted()} writes in batches. A webhook has at most
 * {@code maxInFlightPerWebhook} attempts in flight, so a slow or hanging target holds only its own few slots and
 * never delays the others. A claim is a lease: if this process dies mid-send, the delivery becomes due again and is
 * sent once more (at least once, never lost).
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
    private final Map<String, AtomicInteger> perWebhook = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<DeliveryQueue.Result> completed = new LinkedBlockingQueue<>();
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

    /** Claims and starts sending what is due and fits in the free slots; returns how many were claimed. */
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
            String key = keyOf(delivery);
            if (perWebhook.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > settings.maxInFlightPerWebhook()) {
                perWebhook.get(key).decrementAndGet();
                webhookBusy.add(delivery.delivery().id());
                continue;
            }
            slots.acquireUninterruptibly();
            unfinished.put(delivery.delivery().id(), Boolean.TRUE);
            executor.execute(() -> sendAndRecord(delivery, key));
        }
        queue.postpone(webhookBusy, clock.instant().plus(WEBHOOK_BUSY_RETRY));
        return claimed.size() - webhookBusy.size();
    }

    private static String keyOf(DeliveryQueue.Claimed claimed) {
        return claimed.webhook().id().toString();
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

    private void sendAndRecord(DeliveryQueue.Claimed claimed, String key) {
        try {
            Instant started = clock.instant();
            OutgoingRequest outgoing = OutgoingRequest.of(claimed.delivery(), claimed.webhook(), started, settings.attemptTimeout());
            DeliveryAttempt attempt = sender.send(outgoing.request());
            completed.add(resultOf(claimed, outgoing, attempt, started));
            listener.attempted(claimed.delivery(), attempt, clock.instant());
            unfinished.remove(claimed.delivery().id());
        } catch (RuntimeException e) {
            // Left unfinished: its lease runs out (or is handed back at shutdown) and it is sent again.
            LOG.log(System.Logger.Level.WARNING, "delivery " + claimed.delivery().id() + " could not be attempted: " + e);
        } finally {
            perWebhook.get(key).decrementAndGet();
            slots.release();
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
