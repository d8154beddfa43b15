package dev.webhooks.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.application.delivery.AttemptDelivery.Finished;
import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.AutoDisableRules;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.delivery.FailureStreak;
import dev.webhooks.domain.delivery.FixedRetrySchedule;
import dev.webhooks.application.event.Announcements;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Recording finished attempts: the policy's decisions stored with the streaks, and webhooks disabled through one path. */
class RecordAttemptsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(webhooks);
    private final List<String> disabled = new ArrayList<>();
    private final RecordAttempts.Listener listener = new RecordAttempts.Listener() {
        @Override
        public void webhookDisabled(String tenantId, WebhookId webhookId, DisabledReason reason) {
            disabled.add(webhookId + " " + reason.code());
        }
    };
    private final DeliveryPolicy policy = new DeliveryPolicy(FixedRetrySchedule.DEFAULT, 0, Duration.ofHours(1),
            new AutoDisableRules(2, Duration.ofDays(5)), () -> 0.5);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryEventLog events = new InMemoryEventLog(webhooks, queue, clock);
    private final RecordAttempts record = new RecordAttempts(queue, webhooks, policy, clock, listener,
            Announcements.into(events, clock));

    private Webhook webhook() {
        Webhook webhook = WebhookFixtures.webhook("acme");
        webhooks.insert(webhook, 150);
        return webhook;
    }

    private List<DeliveryQueue.Claimed> publishAndClaim(Webhook webhook, int count) {
        for (int i = 0; i < count; i++) {
            queue.add(new EventMatcher().fanOut(WebhookFixtures.event("acme", "e" + i), List.of(webhook), NOW).toArray(Delivery[]::new));
        }
        return queue.claim(List.of(new DeliveryQueue.ClaimRequest("acme", webhook.id(), count)), NOW, Duration.ofMinutes(1));
    }

    private static Finished finished(DeliveryQueue.Claimed claimed, DeliveryAttempt attempt) {
        return new AttemptDelivery(request -> attempt, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5)).attempt(claimed);
    }

    private static DeliveryAttempt status(int code) {
        return DeliveryAttempt.answered(code, Map.of(), "", Optional.empty());
    }

    @Test
    void storesEachDeliverysNewStateAndAttempt() {
        Webhook webhook = webhook();
        List<DeliveryQueue.Claimed> claimed = publishAndClaim(webhook, 3);

        record.record(List.of(finished(claimed.get(0), status(200)), finished(claimed.get(1), status(503)),
                finished(claimed.get(2), status(404))));

        assertThat(queue.get(claimed.get(0).delivery().id()).state()).isEqualTo(DeliveryState.SUCCEEDED);
        Delivery retrying = queue.get(claimed.get(1).delivery().id());
        assertThat(retrying.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(retrying.nextAttemptAt()).isEqualTo(NOW);
        assertThat(retrying.lastAttempt().orElseThrow().statusMessage()).isEqualTo("HTTP 503: will retry");
        assertThat(queue.get(claimed.get(2).delivery().id()).state()).isEqualTo(DeliveryState.FAILED);
        assertThat(queue.all()).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
    }

    @Test
    void disablesAWebhookOnGoneThroughTheRepository() {
        Webhook webhook = webhook();
        List<DeliveryQueue.Claimed> claimed = publishAndClaim(webhook, 2);

        record.record(List.of(finished(claimed.get(0), status(410)), finished(claimed.get(1), status(410))));

        Webhook after = webhooks.findById("acme", webhook.id()).orElseThrow();
        assertThat(after.enabled()).isFalse();
        assertThat(after.disabledReason().code()).isEqualTo(DisabledReasonCode.GONE);
        assertThat(disabled).containsExactly(webhook.id() + " GONE");
    }

    @Test
    void foldsTheStreakInAttemptOrderAndDisablesAtTheLimit() {
        Webhook webhook = webhook();
        List<DeliveryQueue.Claimed> claimed = publishAndClaim(webhook, 4);

        record.record(List.of(finished(claimed.get(0), status(400)), finished(claimed.get(1), status(200))));
        assertThat(queue.failureStreaks(List.of(webhook.id()))).as("a success ends the streak")
                .allSatisfy((id, history) -> assertThat(history.streak()).isEqualTo(FailureStreak.NONE));

        record.record(List.of(finished(claimed.get(2), status(400))));
        assertThat(webhooks.findById("acme", webhook.id()).orElseThrow().enabled()).isTrue();
        record.record(List.of(finished(claimed.get(3), status(400))));

        assertThat(webhooks.findById("acme", webhook.id()).orElseThrow().disabledReason().code())
                .isEqualTo(DisabledReasonCode.CONSECUTIVE_FAILURES);
    }

    @Test
    void decidesAgainOnFreshStreaksWhenAnotherInstanceRecordedMeanwhile() {
        Webhook webhook = webhook();
        List<DeliveryQueue.Claimed> claimed = publishAndClaim(webhook, 1);
        AtomicBoolean raced = new AtomicBoolean();
        InMemoryDeliveryQueue racing = new InMemoryDeliveryQueue(webhooks) {
            @Override
            public synchronized Map<WebhookId, FailureHistory> failureStreaks(java.util.Collection<WebhookId> ids) {
                Map<WebhookId, FailureHistory> read = queue.failureStreaks(ids);
                if (raced.compareAndSet(false, true)) {   // another instance records one failure for good after this read
                    queue.record(List.of(), List.of(new StreakUpdate(webhook.id(), 0, new FailureStreak(1, Optional.of(NOW)))));
                }
                return read;
            }

            @Override
            public synchronized void record(List<AttemptRecord> attempts, List<StreakUpdate> streaks) {
                queue.record(attempts, streaks);
            }
        };
        new RecordAttempts(racing, webhooks, policy, Clock.fixed(NOW, ZoneOffset.UTC), listener, Announcements.discarded())
                .record(List.of(finished(claimed.get(0), status(400))));

        assertThat(webhooks.findById("acme", webhook.id()).orElseThrow().disabledReason().code())
                .as("1 + 1 failures reach the limit of 2").isEqualTo(DisabledReasonCode.CONSECUTIVE_FAILURES);
    }

    @Test
    void aWebhookWhoseSecretsCannotBeReadIsDisabledAndItsDeliveriesWait() {
        Webhook webhook = webhook();
        webhooks.makeUnreadable(webhook.id());
        List<DeliveryQueue.Claimed> claimed = publishAndClaim(webhook, 1);
        assertThat(claimed.get(0).webhook()).isEmpty();

        Finished notSent = finished(claimed.get(0), null);
        assertThat(notSent.attempt().failure()).contains(AttemptFailure.SECRET_UNREADABLE);
        record.record(List.of(notSent));

        Delivery waiting = queue.get(claimed.get(0).delivery().id());
        assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(waiting.attempts()).isZero();
        assertThat(disabled).containsExactly(webhook.id() + " SECRET_UNREADABLE");
        assertThat(webhooks.stored(webhook.id()).orElseThrow().enabled()).isFalse();
    }

    @Test
    void announcesTheDisableIntoTheTenantButNotToTheDisabledWebhook() {
        Webhook gone = WebhookFixtures.webhook("acme", b -> b.eventTypes = List.of(WebhookFixtures.EVENT_TYPE,
                EventTypeCatalog.WEBHOOK_DISABLED));
        webhooks.insert(gone, 150);
        Webhook watcher = WebhookFixtures.webhook("acme", b -> b.eventTypes = List.of(EventTypeCatalog.WEBHOOK_DISABLED));
        webhooks.insert(watcher, 150);
        List<DeliveryQueue.Claimed> claimed = publishAndClaim(gone, 1);

        record.record(List.of(finished(claimed.get(0), status(410))));

        assertThat(events.received()).hasSize(1);
        CloudEvent announced = events.received().get(0).event();
        assertThat(announced.type()).isEqualTo(EventTypeCatalog.WEBHOOK_DISABLED);
        assertThat(announced.tenantId()).isEqualTo("acme");
        assertThat(announced.id()).isEqualTo(gone.id() + "/disabled/" + (gone.version() + 1));
        String data = announced.data().orElseThrow().toString();
        assertThat(data).contains("\"id\":\"" + gone.id() + "\"").contains("\"name\":\"" + gone.definition().name() + "\"")
                .contains("\"reasonCode\":\"GONE\"").contains("410 Gone");
        assertThat(queue.all().stream().filter(delivery -> delivery.eventType().equals(EventTypeCatalog.WEBHOOK_DISABLED))
                .map(Delivery::webhookId)).containsExactly(watcher.id());
    }
}
