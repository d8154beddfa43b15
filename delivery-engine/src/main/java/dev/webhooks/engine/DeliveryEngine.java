package dev.webhooks.engine;

import dev.webhooks.application.delivery.AttemptDelivery;
import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.port.DeliveryQueue.ClaimRequest;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.port.EventLog;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.WebhookId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs deliveries. The dispatcher loop shares the free capacity fairly among the webhooks with due deliveries
 * ({@link FairShare}), claims that many (a lease per delivery), and starts each in its webhook's lane ({@link Lanes}:
 * fast slots, the slow lane, per-webhook turns); sender threads make the attempts ({@link AttemptDelivery}) and hand
 * their turn to the webhook's next waiting delivery; the recording loop stores what they led to in batches
 * ({@link Recorder}, {@link RecordAttempts}). Ingest wakes the dispatcher ({@link #wakingOn}), and so does every
 * finished attempt. {@link #stop()} stops claiming, lets running attempts finish for the grace period, records
 * everything finished and hands back what did not finish, so another instance (or the next start) sends it at once.
 */
public final class DeliveryEngine {
    private static final System.Logger LOG = System.getLogger(DeliveryEngine.class.getName());

    private final EngineSettings settings;
    private final DeliveryQueue queue;
    private final AttemptDelivery attempts;
    private final Clock clock;
    private final Lanes lanes;
    private final FairShare fairShare = new FairShare();
    private final Pacing pacing;
    private final DueWebhooks due;
    private final Recorder recorder;
    private final ExecutorService senders;
    private final Loop dispatching;
    private final Loop recording;
    /** Released by every finished attempt, ingest and resume: the dispatcher waits on it when it has nothing to do. */
    private final Semaphore wakeUps = new Semaphore(0);
    /** Deliveries claimed by this instance whose attempt has not finished yet. */
    private final Set<DeliveryId> unfinished = ConcurrentHashMap.newKeySet();
    private volatile boolean paused;
    private volatile Instant lastRound;

    public DeliveryEngine(EngineSettings settings, DeliveryQueue queue, AttemptDelivery attempts,
                          RecordAttempts recordAttempts, Clock clock) {
        this.settings = settings;
        this.queue = queue;
        this.attempts = attempts;
        this.clock = clock;
        this.lanes = new Lanes(settings);
        this.pacing = new Pacing(clock);
        this.due = new DueWebhooks(queue, settings.pollInterval());
        this.recorder = new Recorder(recordAttempts, this::dueAgain);
        this.senders = Executors.newCachedThreadPool(runnable -> daemon(runnable, "delivery-sender"));
        this.dispatching = new Loop("delivery engine (claiming)", this::dispatchRound, settings.batchWindow(),
                settings.pollInterval(), clock);
        this.recording = new Loop("delivery engine (recording)", () -> recorder.recordNext(settings.pollInterval()),
                settings.batchWindow(), settings.pollInterval(), clock);
    }

    public void start() {
        dispatching.start();
        recording.start();
    }

    /**
     * Stops claiming; gives running attempts {@code shutdownGrace} to finish (then interrupts them); records every
     * finished attempt; hands back the deliveries whose attempt did not finish, due at once.
     */
    public void stop() throws InterruptedException {
        Duration loopTimeout = settings.pollInterval().multipliedBy(2).plus(settings.batchWindow());
        dispatching.stop(loopTimeout);
        senders.shutdown();
        if (!senders.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
            senders.awaitTermination(1, TimeUnit.SECONDS);
        }
        recording.stop(loopTimeout);
        try {
            while (recorder.recordWaiting() > 0) {
                // until everything finished is recorded
            }
            handBackUnfinished();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record all delivery results at stop; their leases will run out and they"
                    + " will be sent again: " + e);
        }
    }

    /** Stops claiming new deliveries on this instance; what is running finishes and is recorded. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        due.lookSoon();
        wakeUps.release();
    }

    public boolean isPaused() {
        return paused;
    }

    /** These webhooks have deliveries due now (stored by this instance): claim them at once. */
    public void due(Collection<DueWebhook> webhooks) {
        due.told(webhooks);
        wakeUps.release();
    }

    /**
     * After recording: retries and ordered webhooks' next turns are due; those due now are claimed without waiting out
     * the batch window (an ordered webhook's next delivery waits for nothing else).
     */
    private void dueAgain(List<DueWebhook> webhooks) {
        due(webhooks);
        Instant now = clock.instant();
        if (webhooks.stream().anyMatch(webhook -> !webhook.oldestDue().isAfter(now))) {
            dispatching.hurry();
        }
    }

    /** The event log, telling this engine about every delivery it stores. */
    public EventLog wakingOn(EventLog eventLog) {
        return new WakeOnIngest(eventLog, this);
    }

    public int inFlight() {
        return lanes.inFlight();
    }

    /** When the dispatcher last went round (claiming, or only watching while paused); empty before the first round. */
    public Optional<Instant> lastRound() {
        return Optional.ofNullable(lastRound);
    }

    /** How big the engine's per-webhook structures are now: lanes, slow marks, known due webhooks. */
    public Map<String, Long> sizes() {
        return Map.of("lanes", (long) lanes.size(), "slowMarks", lanes.slowMarks(), "dueWebhooks", (long) due.size());
    }

    private void dispatchRound() throws InterruptedException {
        lastRound = clock.instant();
        long now = System.nanoTime();
        handBack(lanes.moveLongAttemptsToOvertime(now));
        lanes.startWaiting(now).forEach(this::send);
        if (!paused) {
            claimDue();
        }
        wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
    }

    private void claimDue() {
        Instant now = clock.instant();
        Map<DueWebhook, Integer> shares = lanes.plan(due.candidates(now), fairShare);
        if (shares.isEmpty()) {
            return;
        }
        List<ClaimRequest> requests = new ArrayList<>();
        shares.forEach((webhook, count) -> requests.add(new ClaimRequest(webhook.tenantId(), webhook.webhookId(), count)));
        List<Claimed> claimed = queue.claim(requests, now, settings.lease());
        due.claimed(requests, claimed);
        List<Claimed> back = new ArrayList<>();
        long nanos = System.nanoTime();
        for (Claimed delivery : inTurns(claimed)) {
            unfinished.add(delivery.delivery().id());
            Lanes.Admission admission = lanes.admit(delivery, nanos);
            switch (admission.kind()) {
                case START -> send(admission.attempt().orElseThrow());
                case WAIT -> { }
                case HAND_BACK -> back.add(delivery);
            }
        }
        handBack(back);
    }

    /** The claimed deliveries one per webhook in turn, so that free slots go round the webhooks as the share meant. */
    private static List<Claimed> inTurns(List<Claimed> claimed) {
        Map<WebhookId, ArrayDeque<Claimed>> byWebhook = new LinkedHashMap<>();
        claimed.forEach(c -> byWebhook.computeIfAbsent(c.delivery().webhookId(), id -> new ArrayDeque<>()).add(c));
        List<Claimed> turns = new ArrayList<>(claimed.size());
        while (turns.size() < claimed.size()) {
            byWebhook.values().forEach(queue -> {
                if (!queue.isEmpty()) {
                    turns.add(queue.poll());
                }
            });
        }
        return turns;
    }

    private void send(Lanes.Running attempt) {
        senders.execute(() -> sendInTurn(attempt));
    }

    /** Makes an attempt, then, on the same thread and slot, each delivery of that webhook waiting for a turn. */
    private void sendInTurn(Lanes.Running first) {
        Optional<Lanes.Running> next = Optional.of(first);
        while (next.isPresent()) {
            Lanes.Running attempt = next.get();
            Optional<Finished> finished = attempt(attempt.claimed);
            finished.ifPresent(done -> {
                recorder.add(done);
                unfinished.remove(done.claimed().delivery().id());
                if (done.claimed().ordered()) {
                    recording.hurry();
                }
            });
            Lanes.Finish finish = lanes.finished(attempt, finished.map(Finished::attempt), System.nanoTime());
            handBack(finish.handBack());
            wakeUps.release();
            next = Thread.currentThread().isInterrupted() ? Optional.empty() : finish.next();
        }
    }

    /**
     * One attempt; empty when it did not finish: the engine is stopping (the delivery is handed back) or it failed
     * inside the service (its lease runs out and it is sent again).
     */
    private Optional<Finished> attempt(Claimed claimed) {
        try {
            if (!waitForStart(claimed)) {
                return Optional.empty();
            }
            Finished finished = attempts.attempt(claimed);
            return Thread.currentThread().isInterrupted() ? Optional.empty() : Optional.of(finished);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery " + claimed.delivery().id() + " could not be attempted: " + e);
            return Optional.empty();
        }
    }

    /**
     * Waits, on the sender thread and its slot, for the turn of a rate-limited webhook's delivery ({@link Pacing}: at
     * most {@link dev.webhooks.domain.delivery.RateBudget#HORIZON} after the claim, plus any lateness); false when the
     * engine stops meanwhile.
     */
    private boolean waitForStart(Claimed claimed) {
        Optional<DeliveryRate> rate = claimed.webhook().flatMap(webhook -> webhook.definition().rateLimit());
        if (claimed.startAt().isEmpty() || rate.isEmpty()) {
            return true;
        }
        return pacing.awaitTurn(claimed.delivery().webhookId(), claimed.startAt().get(), rate.get());
    }

    /** Deliveries claimed here that will not run here after all: due again at once, for this or another instance. */
    private void handBack(List<Claimed> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        List<DeliveryId> ids = claimed.stream().map(c -> c.delivery().id()).toList();
        try {
            queue.postpone(ids, clock.instant());
            ids.forEach(unfinished::remove);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand back " + ids.size() + " deliveries; their leases will run out: " + e);
        }
    }

    private void handBackUnfinished() {
        List<DeliveryId> ids = new ArrayList<>(unfinished);
        if (!ids.isEmpty()) {
            queue.postpone(ids, clock.instant());
            ids.forEach(unfinished::remove);
            LOG.log(Level.INFO, "handed back " + ids.size() + " unfinished deliveries for another instance or the next start");
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
