package dev.webhooks.application.delivery;

import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.application.event.AnnounceWebhookStatus;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.DeliveryPolicy.Decision;
import dev.webhooks.domain.delivery.FailureStreak;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.port.DeliveryQueue.AttemptRecord;
import dev.webhooks.domain.port.DeliveryQueue.FailureHistory;
import dev.webhooks.domain.port.DeliveryQueue.FailureStreakConflict;
import dev.webhooks.domain.port.DeliveryQueue.StreakUpdate;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records finished attempts in one go: the {@link DeliveryPolicy} decides, in attempt order, what each led to (given
 * its webhook's failure streak as stored), the queue stores the deliveries' new states and the new streaks together,
 * and the webhooks the decisions switch off are disabled and announced ({@link AnnounceWebhookStatus}). When another instance changed a streak meanwhile, the
 * batch is decided again on the fresh streaks.
 */
public final class RecordAttempts {
    private static final int ATTEMPTS = 5;

    private final DeliveryQueue queue;
    private final WebhookRepository webhooks;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final Listener listener;
    private final AnnounceWebhookStatus announce;

    public RecordAttempts(DeliveryQueue queue, WebhookRepository webhooks, DeliveryPolicy policy, Clock clock, Listener listener,
                          AnnounceWebhookStatus announce) {
        this.queue = queue;
        this.webhooks = webhooks;
        this.policy = policy;
        this.clock = clock;
        this.listener = listener;
        this.announce = announce;
    }

    /** Told about every recorded attempt and every webhook the decisions switched off (metrics, logs). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void recorded(Finished attempt, Decision decision) {
        }

        default void webhookDisabled(String tenantId, WebhookId webhookId, DisabledReason reason) {
        }
    }

    /** Records a batch of finished attempts; returns the decisions, in the batch's order. */
    public List<Decision> record(List<Finished> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Decided decided = decideAndStore(batch);
        decided.disable.forEach((webhookId, reason) -> webhooks.disable(webhookId, reason, clock.instant()).ifPresent(disabled -> {
            listener.webhookDisabled(disabled.tenantId(), webhookId, reason);
            announce.disabled(disabled, reason);
        }));
        for (int i = 0; i < batch.size(); i++) {
            listener.recorded(batch.get(i), decided.decisions.get(i));
        }
        return decided.decisions;
    }

    private Decided decideAndStore(List<Finished> batch) {
        List<WebhookId> webhookIds = batch.stream().map(finished -> finished.claimed().delivery().webhookId()).distinct().toList();
        for (int attempt = 1; ; attempt++) {
            Decided decided = decide(batch, queue.failureStreaks(webhookIds));
            try {
                queue.record(decided.records, decided.streakUpdates);
                return decided;
            } catch (FailureStreakConflict conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    private Decided decide(List<Finished> batch, Map<WebhookId, FailureHistory> stored) {
        Decided decided = new Decided();
        Map<WebhookId, FailureStreak> streaks = new HashMap<>();
        for (Finished finished : batch) {
            Delivery delivery = finished.claimed().delivery();
            WebhookId webhookId = delivery.webhookId();
            FailureStreak before = streaks.getOrDefault(webhookId, historyOf(stored, webhookId).streak());
            Decision decision = policy.decide(delivery.attempts(), finished.attempt(), before, finished.finishedAt());
            streaks.put(webhookId, decision.streak());
            decided.decisions.add(decision);
            decided.records.add(recordOf(finished, decision));
            decision.disableWebhook().ifPresent(reason -> decided.disable.putIfAbsent(webhookId, reason));
            decided.tenants.put(webhookId, delivery.tenantId());
        }
        streaks.forEach((webhookId, streak) -> {
            FailureHistory history = historyOf(stored, webhookId);
            if (!streak.equals(history.streak())) {
                decided.streakUpdates.add(new StreakUpdate(webhookId, history.version(), streak));
            }
        });
        return decided;
    }

    private static FailureHistory historyOf(Map<WebhookId, FailureHistory> stored, WebhookId webhookId) {
        return stored.getOrDefault(webhookId, FailureHistory.NONE);
    }

    private static AttemptRecord recordOf(Finished finished, Decision decision) {
        Optional<RecordedAttempt> attempt = decision.attemptCounted()
                ? finished.request().map(request -> RecordedAttempt.of(finished.startedAt(), request, finished.attempt(),
                        decision.statusMessage()))
                : Optional.empty();
        return new AttemptRecord(finished.claimed().delivery().id(), decision.state(), decision.nextAttemptAt(), attempt);
    }

    /** A batch's decisions and what they mean for the store. */
    private static final class Decided {
        final List<Decision> decisions = new ArrayList<>();
        final List<AttemptRecord> records = new ArrayList<>();
        final List<StreakUpdate> streakUpdates = new ArrayList<>();
        final Map<WebhookId, DisabledReason> disable = new LinkedHashMap<>();
        final Map<WebhookId, String> tenants = new HashMap<>();
    }
}
