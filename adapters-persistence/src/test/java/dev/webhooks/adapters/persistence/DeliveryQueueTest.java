package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing, claiming and recording deliveries against the real database. */
class DeliveryQueueTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));
    private static final String TYPE = "com.qlik.v1.app.created";

    private final JdbiWebhookRepository webhooks = new JdbiWebhookRepository(DATABASE.jdbi(), CIPHER);
    private final JdbiEventLog log = new JdbiEventLog(DATABASE.jdbi(), CIPHER);
    private final JdbiDeliveryQueue queue = new JdbiDeliveryQueue(DATABASE.jdbi(), CIPHER,
            new dev.webhooks.domain.delivery.AutoDisablePolicy(3, Duration.ofDays(5)));
    private final EventMatcher matcher = new EventMatcher();
    private final String tenant = "t-" + UUID.randomUUID();
    // Deliveries are made due far in the past so this test's rows are claimed before other tests' rows.
    private final Instant past = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(new java.util.Random().nextInt(1_000_000));

    /** Due rows left behind would be claimed by later tests (and by the end-to-end tests' dispatcher). */
    @AfterEach
    void removeThisTenantsRows() {
        DATABASE.jdbi().useHandle(h -> h.createUpdate("DELETE FROM webhooks WHERE tenant_id = :t").bind("t", tenant).execute());
    }

    private Webhook webhook(boolean enabled) {
        WebhookDefinition.Builder builder = new WebhookDefinition.Builder();
        builder.name = "w";
        builder.url = new WebhookUrl("https://receiver.example.com/h");
        builder.level = Level.TENANT;
        builder.ownerId = "owner";
        builder.eventTypes = List.of(TYPE);
        builder.enabled = enabled;
        builder.enableCloudEventDelivery = true;
        builder.origin = Origin.API;
        Webhook webhook = Webhook.create(WebhookId.random(), tenant, builder.build(), "owner", Instant.now());
        webhooks.insert(webhook, 150);
        return webhook;
    }

    private CloudEvent event(String id) {
        return CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"test\",\"type\":\"" + TYPE
                + "\",\"tenantid\":\"" + tenant + "\",\"time\":\"2026-01-01T00:00:00Z\"}");
    }

    private List<Boolean> publish(CloudEvent... events) {
        return log.append(List.of(events), (event, subscribed) -> matcher.fanOut(event, subscribed, past));
    }

    private List<DeliveryQueue.Claimed> claimMine(Instant now, int max, Duration lease) {
        return queue.claimDue(now, max, lease).stream().filter(c -> c.delivery().tenantId().equals(tenant)).toList();
    }

    private int count(String where) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deliveries WHERE tenant_id = :t AND " + where)
                .bind("t", tenant).mapTo(Integer.class).one());
    }

    @Test
    void fansOutToEnabledSubscribersOnceAndIgnoresRepeats() {
        webhook(true);
        webhook(true);
        webhook(false);

        assertThat(publish(event("e1"), event("e2"))).containsExactly(true, true);
        assertThat(publish(event("e1"))).containsExactly(false);
        assertThat(count("state = 'PENDING'")).isEqualTo(4);
    }

    @Test
    void aRepeatInsideOneBatchIsADuplicate() {
        webhook(true);
        assertThat(publish(event("b1"), event("b2"), event("b1"))).containsExactly(true, true, false);
        assertThat(count("1 = 1")).isEqualTo(2);
    }

    @Test
    void concurrentPublishesOfTheSameEventStoreItOnce() throws Exception {
        webhook(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Boolean>>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> publish(event("same-1"), event("same-2"))));
        }
        int fresh = 0;
        for (Future<List<Boolean>> result : results) {
            fresh += (int) result.get().stream().filter(Boolean::booleanValue).count();
        }
        pool.shutdown();
        assertThat(fresh).isEqualTo(2);
        assertThat(count("1 = 1")).isEqualTo(2);
    }

    @Test
    void aSuccessAfterFailuresInOneBatchEndsTheStreakAndFailuresAfterItStartOne() {
        Webhook recovered = webhook(true);
        Webhook failing = webhook(true);
        publish(event("s1"), event("s2"));
        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));
        List<DeliveryQueue.Claimed> ofRecovered = claimed.stream().filter(c -> c.webhook().id().equals(recovered.id())).toList();
        List<DeliveryQueue.Claimed> ofFailing = claimed.stream().filter(c -> c.webhook().id().equals(failing.id())).toList();

        queue.record(List.of(failed(ofRecovered.get(0), past, DeliveryState.FAILED), succeeded(ofRecovered.get(1)),
                succeeded(ofFailing.get(0)), failed(ofFailing.get(1), past, DeliveryState.FAILED)));

        assertThat(streakOf(recovered)).isZero();
        assertThat(streakOf(failing)).isEqualTo(1);
    }

    private DeliveryQueue.Result succeeded(DeliveryQueue.Claimed claimed) {
        RecordedAttempt attempt = new RecordedAttempt(past, "https://receiver.example.com/h", Map.of(), 200, Map.of(), "", "HTTP 200");
        return new DeliveryQueue.Result(claimed.delivery().id(), tenant, claimed.delivery().webhookId().toString(), attempt,
                DeliveryState.SUCCEEDED, null, null);
    }

    private int streakOf(Webhook webhook) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT consecutive_failures FROM webhooks WHERE id = :id")
                .bind("id", webhook.id().toString()).mapTo(Integer.class).one());
    }

    @Test
    void concurrentClaimersNeverShareADeliveryAndLeasesExpire() throws Exception {
        webhook(true);
        for (int i = 0; i < 40; i++) {
            publish(event("c" + i));
        }
        Instant now = past.plusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<DeliveryQueue.Claimed>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<List<DeliveryQueue.Claimed>> claim = () -> claimMine(now, 15, Duration.ofMinutes(5));
            claims.add(pool.submit(claim));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Future<List<DeliveryQueue.Claimed>> claim : claims) {
            for (DeliveryQueue.Claimed claimed : claim.get()) {
                total++;
                seen.add(claimed.delivery().id().toString());
            }
        }
        pool.shutdown();
        assertThat(seen).hasSize(total);
        assertThat(claimMine(now, 100, Duration.ofMinutes(5))).hasSize(40 - total);
        assertThat(claimMine(now.plus(Duration.ofMinutes(6)), 100, Duration.ofMinutes(5))).hasSize(40);
    }

    @Test
    void recordsResultsAndDisablesOnGone() {
        Webhook webhook = webhook(true);
        publish(event("r1"), event("r2"));
        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));
        assertThat(claimed).hasSize(2);
        RecordedAttempt attempt = new RecordedAttempt(past, "https://receiver.example.com/h", Map.of("X-Key", RecordedAttempt.OMITTED),
                410, Map.of("Server", "test"), "gone", "HTTP 410 Gone");

        queue.record(List.of(
                new DeliveryQueue.Result(claimed.get(0).delivery().id(), tenant, webhook.id().toString(), attempt,
                        DeliveryState.SUCCEEDED, null, null),
                new DeliveryQueue.Result(claimed.get(1).delivery().id(), tenant, webhook.id().toString(), attempt,
                        DeliveryState.FAILED, null, new DisabledReason("GONE", "receiver is gone"))));

        assertThat(count("state = 'SUCCEEDED' AND status = 'success' AND attempts = 1")).isEqualTo(1);
        assertThat(count("state = 'FAILED' AND status = 'fail' AND status_code = 410")).isEqualTo(1);
        Webhook after = webhooks.findById(tenant, webhook.id()).orElseThrow();
        assertThat(after.enabled()).isFalse();
        assertThat(after.disabledReason().code()).isEqualTo("GONE");
    }

    @Test
    void deliveriesOfDisabledWebhooksWait() {
        Webhook webhook = webhook(true);
        publish(event("w1"));
        webhooks.update(webhook.disable(new DisabledReason("DISABLED_BY_OPERATOR", "paused"), Instant.now()), 150);

        assertThat(claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5))).isEmpty();
        assertThat(count("state = 'PENDING'")).isEqualTo(1);
    }

    @Test
    void deletingAWebhookDeletesItsDeliveries() {
        Webhook webhook = webhook(true);
        publish(event("d1"));
        webhooks.delete(tenant, webhook.id());
        assertThat(count("1 = 1")).isZero();
    }

    private DeliveryQueue.Result failed(DeliveryQueue.Claimed claimed, Instant at, DeliveryState state) {
        RecordedAttempt attempt = new RecordedAttempt(at, "https://receiver.example.com/h", Map.of(), 500, Map.of(), "", "HTTP 500");
        return new DeliveryQueue.Result(claimed.delivery().id(), tenant, claimed.delivery().webhookId().toString(), attempt,
                state, state == DeliveryState.PENDING ? at.plusSeconds(5) : null, null);
    }

    @Test
    void disablesAfterConsecutiveFinalFailuresAndReEnablingResetsTheStreak() {
        Webhook webhook = webhook(true);
        publish(event("a1"), event("a2"), event("a3"), event("a4"));
        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));

        queue.record(List.of(failed(claimed.get(0), past, DeliveryState.FAILED), failed(claimed.get(1), past, DeliveryState.PENDING),
                failed(claimed.get(2), past, DeliveryState.FAILED)));
        assertThat(webhooks.findById(tenant, webhook.id()).orElseThrow().enabled()).isTrue();
        queue.record(List.of(failed(claimed.get(3), past, DeliveryState.FAILED)));

        Webhook disabled = webhooks.findById(tenant, webhook.id()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason().code()).isEqualTo("CONSECUTIVE_FAILURES");

        WebhookDefinition.Builder on = disabled.definition().toBuilder();
        on.enabled = true;
        Webhook enabled = webhooks.update(disabled.redefine(on.build(), "owner", Instant.now()), 150);
        assertThat(enabled.disabledReason()).isNull();
        int streak = DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT consecutive_failures FROM webhooks WHERE id = :id")
                .bind("id", webhook.id().toString()).mapTo(Integer.class).one());
        assertThat(streak).isZero();
    }

    @Test
    void aSuccessEndsTheFailureStreak() {
        Webhook webhook = webhook(true);
        publish(event("s1"), event("s2"));
        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));
        queue.record(List.of(failed(claimed.get(0), past, DeliveryState.FAILED)));
        assertThat(streakStateOf(webhook)).isEqualTo("1 failing");

        RecordedAttempt ok = new RecordedAttempt(past, "https://receiver.example.com/h", Map.of(), 200, Map.of(), "", "HTTP 200");
        queue.record(List.of(new DeliveryQueue.Result(claimed.get(1).delivery().id(), tenant, webhook.id().toString(), ok,
                DeliveryState.SUCCEEDED, null, null)));

        assertThat(streakStateOf(webhook)).isEqualTo("0 ok");
    }

    private String streakStateOf(Webhook webhook) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT CONCAT(consecutive_failures,"
                        + " IF(failing_since IS NULL, ' ok', ' failing')) FROM webhooks WHERE id = :id")
                .bind("id", webhook.id().toString()).mapTo(String.class).one());
    }

    @Test
    void disablesWebhooksFailingForTooLong() {
        Webhook webhook = webhook(true);
        publish(event("l1"), event("l2"));
        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));

        queue.record(List.of(failed(claimed.get(0), past, DeliveryState.PENDING)));
        queue.record(List.of(failed(claimed.get(1), past.plus(Duration.ofDays(6)), DeliveryState.PENDING)));

        assertThat(webhooks.findById(tenant, webhook.id()).orElseThrow().disabledReason().code()).isEqualTo("FAILING_TOO_LONG");
    }

    @Test
    void postponedDeliveriesComeBackWithoutAnAttempt() {
        webhook(true);
        publish(event("p1"));
        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));
        queue.postpone(List.of(claimed.get(0).delivery().id()), past.plusSeconds(2));

        List<DeliveryQueue.Claimed> again = claimMine(past.plusSeconds(3), 10, Duration.ofMinutes(5));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).delivery().attempts()).isZero();
    }

    @Test
    void purgesHistoryOlderThanTheCutoffInBatches() {
        webhook(true);
        publish(event("old1"), event("old2"), event("old3"));
        JdbiDeliveryHistory history = new JdbiDeliveryHistory(DATABASE.jdbi());
        // this tenant's rows were triggered at 'past'; other tests' rows are left alone by the narrow cutoff window
        DATABASE.jdbi().useHandle(h -> h.createUpdate("UPDATE deliveries SET triggered_at = '1990-01-01 00:00:00' WHERE tenant_id = :t")
                .bind("t", tenant).execute());
        int deleted = 0;
        int batch;
        do {
            batch = history.purgeOlderThan(Instant.parse("1990-01-02T00:00:00Z"), 2);
            deleted += batch;
        } while (batch == 2);
        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(count("1 = 1")).isZero();
    }

    @Test
    void anUnreadableWebhookDoesNotStopOtherDeliveries() {
        Webhook readable = webhook(true);
        Webhook unreadable = webhook(true);
        publish(event("u1"));
        DATABASE.jdbi().useHandle(h -> h.createUpdate("UPDATE webhooks SET secret = 'v1:gone:AAAA' WHERE id = :id")
                .bind("id", unreadable.id().toString()).execute());

        List<DeliveryQueue.Claimed> claimed = claimMine(past.plusSeconds(1), 10, Duration.ofMinutes(5));

        assertThat(claimed).extracting(c -> c.webhook().id()).containsExactly(readable.id());
        assertThat(count("state = 'PENDING'")).isEqualTo(2);
        assertThat(publish(event("u2"))).containsExactly(true); // matching needs no secrets, so ingest goes on
        assertThat(count("state = 'PENDING'")).isEqualTo(4);
    }
}
