package dev.webhooks.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where claimed deliveries run, and when. Each webhook has a lane: at most {@code maxInFlightPerWebhook} of its
 * attempts run at once and as many claimed ones wait for a turn (a finished attempt hands its slot to the next without
 * a round trip to the database). Attempts take a fast slot ({@code maxInFlight} of them). A webhook is slow while one of
 * its attempts runs past {@code slowAfter} (that attempt gives its fast slot back and runs on in overtime) and after a
 * timeout, until an attempt is answered quickly again: a slow webhook's attempts come only from the small slow lane
 * ({@code slowLaneSlots}) and none of its deliveries waits here, so many hanging receivers cannot take the fast slots.
 * A lane lives only while it has attempts; slow marks are bounded and expire. One lock guards it all: the dispatcher
 * plans and admits, sender threads finish and hand over.
 */
final class Lanes {
    /** Expiry and bound of slow marks: a webhook nobody sends to stops counting as slow after a while. */
    static final Duration SLOW_MARK_TTL = Duration.ofMinutes(10);
    static final int MAX_SLOW_MARKS = 10_000;
    static final int MAX_OVERTIME_FACTOR = 4;

    enum Slot { FAST, SLOW, OVERTIME }

    /** One attempt under way. */
    static final class Running {
        final Claimed claimed;
        final long startedNanos;
        private Slot slot;

        private Running(Claimed claimed, long startedNanos, Slot slot) {
            this.claimed = claimed;
            this.startedNanos = startedNanos;
            this.slot = slot;
        }

        WebhookId webhookId() {
            return claimed.delivery().webhookId();
        }
    }

    /** What admitting a claimed delivery came to: start it now (the attempt), let it wait for its turn, or hand it back. */
    record Admission(Kind kind, Optional<Running> attempt) {
        enum Kind { START, WAIT, HAND_BACK }
    }

    /** After an attempt: the next one to run on the same thread, if any, and claimed deliveries to hand back. */
    record Finish(Optional<Running> next, List<Claimed> handBack) {
    }

    private static final class Lane {
        int running;
        int overtime;
        final ArrayDeque<Claimed> waiting = new ArrayDeque<>();
    }

    private final EngineSettings settings;
    private final long slowAfterNanos;
    private final Map<WebhookId, Lane> lanes = new LinkedHashMap<>();
    private final Set<Running> running = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Cache<WebhookId, Boolean> slowMarks;
    private int fastFree;
    private int slowFree;
    private int overtime;
    private int waiting;

    Lanes(EngineSettings settings) {
        this.settings = settings;
        this.slowAfterNanos = settings.slowAfter().toNanos();
        this.slowMarks = Caffeine.newBuilder().maximumSize(MAX_SLOW_MARKS).expireAfterWrite(SLOW_MARK_TTL).build();
        this.fastFree = settings.maxInFlight();
        this.slowFree = settings.slowLaneSlots();
    }

    /** How many deliveries of each candidate webhook fit now, shared fairly. */
    synchronized Map<DueWebhook, Integer> plan(List<DueWebhook> candidates, FairShare fairShare) {
        Plan plan = new Plan();
        return fairShare.share(candidates, plan::take);
    }

    /** Admits a claimed delivery: it starts now (its slot taken), waits for its webhook's turn, or goes back. */
    synchronized Admission admit(Claimed claimed, long nowNanos) {
        WebhookId webhookId = claimed.delivery().webhookId();
        Lane lane = lanes.computeIfAbsent(webhookId, id -> new Lane());
        Optional<Running> started = start(webhookId, lane, claimed, nowNanos);
        if (started.isPresent()) {
            return new Admission(Admission.Kind.START, started);
        }
        if (!isSlow(webhookId, lane) && lane.waiting.size() < settings.maxInFlightPerWebhook() && waiting < settings.maxInFlight()) {
            lane.waiting.add(claimed);
            waiting++;
            return new Admission(Admission.Kind.WAIT, Optional.empty());
        }
        removeIfIdle(webhookId, lane);
        return new Admission(Admission.Kind.HAND_BACK, Optional.empty());
    }

    /**
     * An attempt finished: its slot is given back, its webhook's slowness updated, and the webhook's next waiting
     * delivery, if a fast slot is free, runs next on the same thread.
     */
    synchronized Finish finished(Running attempt, Optional<DeliveryAttempt> result, long nowNanos) {
        running.remove(attempt);
        WebhookId webhookId = attempt.webhookId();
        Lane lane = lanes.get(webhookId);
        result.ifPresent(answer -> noteSpeed(webhookId, answer, nowNanos - attempt.startedNanos));
        release(attempt, lane);
        List<Claimed> handBack = isSlow(webhookId, lane) ? drainWaiting(lane) : List.of();
        Optional<Running> next = lane.waiting.isEmpty() ? Optional.empty() : startWaiting(webhookId, lane, nowNanos);
        removeIfIdle(webhookId, lane);
        return new Finish(next, handBack);
    }

    /**
     * Attempts that have run past {@code slowAfter} give their fast slots back and run on in overtime; their webhooks
     * are slow from now on. A webhook becomes slow with its first long attempt, so at most {@code maxInFlight} attempts
     * move to overtime per {@code slowAfter}, and they end with their timeout: overtime stays bounded (and beyond
     * {@link #MAX_OVERTIME_FACTOR} times {@code maxInFlight}, long attempts keep their fast slots). Returns the
     * deliveries those webhooks had waiting, to hand back.
     */
    synchronized List<Claimed> moveLongAttemptsToOvertime(long nowNanos) {
        List<Claimed> handBack = new ArrayList<>();
        for (Running attempt : running) {
            if (attempt.slot == Slot.FAST && nowNanos - attempt.startedNanos > slowAfterNanos
                    && overtime < MAX_OVERTIME_FACTOR * settings.maxInFlight()) {
                Lane lane = lanes.get(attempt.webhookId());
                attempt.slot = Slot.OVERTIME;
                fastFree++;
                overtime++;
                lane.overtime++;
                slowMarks.put(attempt.webhookId(), Boolean.TRUE);
                handBack.addAll(drainWaiting(lane));
            }
        }
        return handBack;
    }

    /** Waiting deliveries that can start now that fast slots are free, one lane at a time in turn. */
    synchronized List<Running> startWaiting(long nowNanos) {
        List<Running> started = new ArrayList<>();
        boolean progress = true;
        while (progress && fastFree > 0) {
            progress = false;
            for (Map.Entry<WebhookId, Lane> entry : lanes.entrySet()) {
                Optional<Running> next = entry.getValue().waiting.isEmpty() ? Optional.empty()
                        : startWaiting(entry.getKey(), entry.getValue(), nowNanos);
                next.ifPresent(started::add);
                progress |= next.isPresent();
            }
        }
        return started;
    }

    synchronized int inFlight() {
        return running.size();
    }

    /** Whether every fast slot is taken, so more due deliveries may be waiting for one. */
    synchronized boolean saturated() {
        return fastFree == 0;
    }

    /** Lanes kept now (one per webhook with attempts running or waiting here). */
    synchronized int size() {
        return lanes.size();
    }

    long slowMarks() {
        slowMarks.cleanUp();
        return slowMarks.estimatedSize();
    }

    private Optional<Running> startWaiting(WebhookId webhookId, Lane lane, long nowNanos) {
        Optional<Running> started = start(webhookId, lane, lane.waiting.peek(), nowNanos);
        started.ifPresent(attempt -> {
            lane.waiting.poll();
            waiting--;
        });
        return started;
    }

    private Optional<Running> start(WebhookId webhookId, Lane lane, Claimed claimed, long nowNanos) {
        if (lane.running >= settings.maxInFlightPerWebhook()) {
            return Optional.empty();
        }
        boolean slow = isSlow(webhookId, lane);
        if (slow ? slowFree == 0 : fastFree == 0) {
            return Optional.empty();
        }
        if (slow) {
            slowFree--;
        } else {
            fastFree--;
        }
        lane.running++;
        Running attempt = new Running(claimed, nowNanos, slow ? Slot.SLOW : Slot.FAST);
        running.add(attempt);
        return Optional.of(attempt);
    }

    private void release(Running attempt, Lane lane) {
        switch (attempt.slot) {
            case FAST -> fastFree++;
            case SLOW -> slowFree++;
            case OVERTIME -> {
                overtime--;
                lane.overtime--;
            }
        }
        lane.running--;
    }

    /** A timeout makes a webhook slow; an answer within {@code slowAfter} makes it fast again. */
    private void noteSpeed(WebhookId webhookId, DeliveryAttempt result, long elapsedNanos) {
        if (result.timedOut()) {
            slowMarks.put(webhookId, Boolean.TRUE);
        } else if (result.wasAnswered() && elapsedNanos <= slowAfterNanos) {
            slowMarks.invalidate(webhookId);
        }
    }

    private boolean isSlow(WebhookId webhookId, Lane lane) {
        return lane.overtime > 0 || slowMarks.getIfPresent(webhookId) != null;
    }

    private List<Claimed> drainWaiting(Lane lane) {
        List<Claimed> drained = new ArrayList<>(lane.waiting);
        waiting -= drained.size();
        lane.waiting.clear();
        return drained;
    }

    private void removeIfIdle(WebhookId webhookId, Lane lane) {
        if (lane.running == 0 && lane.waiting.isEmpty()) {
            lanes.remove(webhookId);
        }
    }

    /** One planning pass: what is free now, minus what the pass has given out so far. */
    private final class Plan {
        private int fast = fastFree;
        private int slow = slowFree;
        private int waitRoom = settings.maxInFlight() - waiting;
        private final Map<WebhookId, int[]> given = new HashMap<>();

        boolean take(DueWebhook candidate) {
            Lane lane = lanes.get(candidate.webhookId());
            int[] runAndWait = given.computeIfAbsent(candidate.webhookId(),
                    id -> lane == null ? new int[2] : new int[] {lane.running, lane.waiting.size()});
            boolean slowWebhook = lane == null ? slowMarks.getIfPresent(candidate.webhookId()) != null
                    : isSlow(candidate.webhookId(), lane);
            int perWebhook = settings.maxInFlightPerWebhook();
            if (runAndWait[0] < perWebhook && (slowWebhook ? slow > 0 : fast > 0)) {
                if (slowWebhook) {
                    slow--;
                } else {
                    fast--;
                }
                runAndWait[0]++;
                return true;
            }
            if (!slowWebhook && runAndWait[1] < perWebhook && waitRoom > 0) {
                waitRoom--;
                runAndWait[1]++;
                return true;
            }
            return false;
        }
    }
}
