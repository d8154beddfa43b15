package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.delivery.FailureStreak;
import dev.webhooks.domain.delivery.TimeOrderedUuid;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.delivery.RecordedAttempt;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing, finding, claiming and recording deliveries, and failure streaks, against the real database. */
class DeliveryQueueTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));
    private static final String TYPE = WebhookFixtures.EVENT_TYPE;

    private final JdbiWebhookRepository webhooks = new JdbiWebhookRepository(DATABASE.jdbi(), CIPHER);
    private final JdbiEventLog log = new JdbiEventLog(DATABASE.jdbi(), CIPHER);
    private final JdbiDeliveryQueue queue = new JdbiDeliveryQueue(DATABASE.jdbi(), CIPHER);
    private final EventMatcher matcher = new EventMatcher();
    private final String tenant = "t-" + UUID.randomUUID();
    // Deliveries are made due in the past, so that other tests' dispatchers (which claim what is due now) see them
    // only in the rare moment between a publish and this test's claim.
    private final Instant past = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(new java.util.Random().nextInt(1_000_000));

    /** Due rows left behind would be claimed by later tests (and by the end-to-end tests' dispatcher). */
    @AfterEach
    void removeThisTenantsRows() {
        DATABASE.forgetTenants(tenant);
    }

    private Webhook webhook(boolean enabled) {
        Webhook webhook = Webhook.create(WebhookId.random(), tenant, WebhookFixtures.definition(b -> b.enabled = enabled),
                "alice", Instant.now());
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

    private List<DeliveryQueue.Claimed> claim(Webhook webhook, Instant now, int max, Duration lease) {
        return queue.claim(List.of(new DeliveryQueue.ClaimRequest(tenant, webhook.id(), max)), now, lease);
    }

    private List<DeliveryQueue.DueWebhook> dueOfThisTenant(Instant now) {
        return queue.dueWebhooks(now, 10_000).stream().filter(due -> due.tenantId().equals(tenant)).toList();
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
    void findsTheEnabledWebhooksWithDueDeliveriesOldestFirst() {
        Webhook first = webhook(true);
        publish(event("f1"));
        Webhook later = webhook(true);
        Webhook disabled = webhook(true);
        DATABASE.jdbi().useHandle(h -> h.createUpdate("UPDATE deliveries SET next_attempt_at = :at WHERE webhook_id = :id")
                .bind("at", Timestamps.toColumn(past.minusSeconds(10))).bind("id", first.id().toString()).execute());
        publish(event("f2"));
        webhooks.disable(disabled.id(), new DisabledReason(DisabledReasonCode.DISABLED_BY_OPERATOR, "paused"), Instant.now());

        assertThat(dueOfThisTenant(past.minusSeconds(1))).extracting(DeliveryQueue.DueWebhook::webhookId)
                .containsExactly(first.id());
        assertThat(dueOfThisTenant(past.plusSeconds(1))).extracting(DeliveryQueue.DueWebhook::webhookId)
                .containsExactly(first.id(), later.id());
        assertThat(dueOfThisTenant(past.plusSeconds(1)).get(0).oldestDue()).isEqualTo(past.minusSeconds(10));
    }

    @Test
    void findingDueWebhooksReadsOneIndexEntryPerWebhookNotPerDelivery() {
        String plan = DATABASE.jdbi().withHandle(h -> h.createQuery("EXPLAIN SELECT webhook_id, MIN(next_attempt_at)"
                        + " FROM deliveries WHERE state = 'PENDING' AND next_attempt_at <= NOW(6) GROUP BY webhook_id")
                .mapToMap().list().toString());
        assertThat(plan).contains("deliveries_queue").contains("Using index for group-by");
    }

    @Test
    void claimsEachWebhooksOldestDueDeliveriesUpToWhatWasAsked() {
        Webhook a = webhook(true);
        Webhook b = webhook(true);
        publish(event("c1"), event("c2"), event("c3"));

        List<DeliveryQueue.Claimed> claimed = queue.claim(List.of(new DeliveryQueue.ClaimRequest(tenant, a.id(), 2),
                new DeliveryQueue.ClaimRequest(tenant, b.id(), 5)), past.plusSeconds(1), Duration.ofMinutes(5));

        assertThat(claimed).filteredOn(c -> c.delivery().webhookId().equals(a.id())).hasSize(2);
        assertThat(claimed).filteredOn(c -> c.delivery().webhookId().equals(b.id())).hasSize(3)
                .allSatisfy(c -> assertThat(c.webhook()).hasValueSatisfying(w -> assertThat(w.id()).isEqualTo(b.id())));
        assertThat(claim(a, past.plusSeconds(1), 5, Duration.ofMinutes(5))).as("the rest of a's queue").hasSize(1);
    }

    @Test
    void concurrentClaimersNeverShareADeliveryAndLeasesExpire() throws Exception {
        Webhook webhook = webhook(true);
        for (int i = 0; i < 40; i++) {
            publish(event("c" + i));
        }
        Instant now = past.plusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<DeliveryQueue.Claimed>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<List<DeliveryQueue.Claimed>> claim = () -> claim(webhook, now, 15, Duration.ofMinutes(5));
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
        assertThat(claim(webhook, now, 100, Duration.ofMinutes(5))).hasSize(40 - total);
        assertThat(claim(webhook, now.plus(Duration.ofMinutes(6)), 100, Duration.ofMinutes(5))).hasSize(40);
    }

    @Test
    void aRateLimitedWebhookGivesOnlyTheStartsWithinTheHorizonAndTheRestStayDue() {
        Webhook limited = limitedWebhook(20);
        for (int i = 0; i < 30; i++) {
            publish(event("r" + i));
        }
        Instant now = past.plusSeconds(1);

        List<DeliveryQueue.Claimed> first = claim(limited, now, 4, Duration.ofMinutes(5));
        List<DeliveryQueue.Claimed> rest = claim(limited, now, 16, Duration.ofMinutes(5));
        List<DeliveryQueue.Claimed> again = claim(limited, now, 16, Duration.ofMinutes(5));
        List<DeliveryQueue.Claimed> later = claim(limited, now.plusMillis(250), 16, Duration.ofMinutes(5));

        assertThat(first).extracting(c -> c.startAt().orElseThrow())
                .containsExactly(now, now.plusMillis(50), now.plusMillis(100), now.plusMillis(150));
        assertThat(rest).as("the rest of the horizon's starts").hasSize(6).first()
                .satisfies(c -> assertThat(c.startAt()).contains(now.plusMillis(200)));
        assertThat(again).as("no start free before the horizon").isEmpty();
        assertThat(later).extracting(c -> c.startAt().orElseThrow()).hasSize(5).first().isEqualTo(now.plusMillis(500));
        assertThat(count("state = 'PENDING' AND attempts = 0")).as("none failed, none counted as attempted").isEqualTo(30);
        assertThat(count("next_attempt_at <= '" + Timestamps.toColumn(now) + "'")).as("the rest stay due").isEqualTo(15);
    }

    /** Several instances claiming at once take distinct starts, one interval apart, from the one stored budget. */
    @Test
    void concurrentClaimersShareOneRateBudget() throws Exception {
        Webhook limited = limitedWebhook(100);
        for (int i = 0; i < 200; i++) {
            publish(event("s" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<DeliveryQueue.Claimed>>> claims = new ArrayList<>();
        Instant now = past.plusSeconds(1);
        for (int round = 0; round < 10; round++) {
            Instant at = now.plusMillis(100L * round);
            for (int i = 0; i < 4; i++) {
                claims.add(pool.submit(() -> claim(limited, at, 16, Duration.ofMinutes(5))));
            }
        }
        List<Instant> starts = new ArrayList<>();
        for (Future<List<DeliveryQueue.Claimed>> claim : claims) {
            claim.get().forEach(c -> starts.add(c.startAt().orElseThrow()));
        }
        pool.shutdown();
        List<Instant> sorted = starts.stream().sorted().toList();
        assertThat(sorted).doesNotHaveDuplicates().isNotEmpty();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(10));
        }
    }

    @Test
    void anUnlimitedWebhookIsClaimedWithoutStarts() {
        Webhook unlimited = webhook(true);
        publish(event("u1"));

        assertThat(claim(unlimited, past.plusSeconds(1), 5, Duration.ofMinutes(5)))
                .singleElement().satisfies(c -> assertThat(c.startAt()).isEmpty());
    }

    private Webhook limitedWebhook(int perSecond) {
        Webhook webhook = Webhook.create(WebhookId.random(), tenant, WebhookFixtures.definition(b -> {
            b.enabled = true;
            b.maxDeliveriesPerSecond = new DeliveryRate(perSecond);
        }), "alice", Instant.now());
        webhooks.insert(webhook, 150);
        return webhook;
    }

    @Test
    void anOrderedWebhookGivesOneDeliveryAtATimeInAcceptanceOrderAndARetryHoldsBackTheRest() {
        Webhook ordered = orderedWebhook();
        List<String> accepted = publishOneByOne("o", 4);
        Instant now = past.plusSeconds(10);

        assertThat(claimedEvents(ordered, now)).containsExactly(accepted.get(0));
        assertThat(claim(ordered, now, 10, Duration.ofMinutes(5))).as("the head is in flight").isEmpty();
        recordHead(ordered, DeliveryState.SUCCEEDED, Optional.empty());

        assertThat(claimedEvents(ordered, now)).containsExactly(accepted.get(1));
        recordHead(ordered, DeliveryState.PENDING, Optional.of(now.plusSeconds(60)));
        assertThat(claim(ordered, now.plusSeconds(59), 10, Duration.ofMinutes(5))).as("waiting for its retry").isEmpty();
        assertThat(claimedEvents(ordered, now.plusSeconds(60))).as("the retry, before any later one").containsExactly(accepted.get(1));
        recordHead(ordered, DeliveryState.FAILED, Optional.empty());

        assertThat(claimedEvents(ordered, now.plusSeconds(60))).as("failed for good: the next goes").containsExactly(accepted.get(2));
    }

    @Test
    void anOrderedWebhooksHeadWhoseLeaseRanOutIsSentAgainBeforeAnyLaterOne() {
        Webhook ordered = orderedWebhook();
        List<String> accepted = publishOneByOne("k", 3);
        Instant now = past.plusSeconds(10);

        assertThat(claimedEvents(ordered, now)).containsExactly(accepted.get(0));

        assertThat(claimedEvents(ordered, now.plus(Duration.ofMinutes(6)))).containsExactly(accepted.get(0));
    }

    /** Several instances claiming at once still take the deliveries one at a time, in order. */
    @Test
    void concurrentClaimersOfAnOrderedWebhookTakeTurnsInOrder() throws Exception {
        Webhook ordered = orderedWebhook();
        List<String> accepted = publishOneByOne("t", 20);
        Instant now = past.plusSeconds(10);
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostInFlight = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimers.add(pool.submit(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (sent.size() < accepted.size() && System.nanoTime() < deadline) {
                    for (DeliveryQueue.Claimed claimed : claim(ordered, now, 5, Duration.ofMinutes(5))) {
                        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        sent.add(claimed.delivery().eventId());
                        inFlight.decrementAndGet();
                        queue.record(List.of(new DeliveryQueue.AttemptRecord(claimed.delivery().id(), DeliveryState.SUCCEEDED,
                                Optional.empty(), Optional.of(attempt(200)))), List.of());
                    }
                }
                return null;
            }));
        }
        for (Future<?> claimer : claimers) {
            claimer.get();
        }
        pool.shutdown();

        assertThat(sent).containsExactlyElementsOf(accepted);
        assertThat(mostInFlight.get()).isEqualTo(1);
    }

    private Webhook orderedWebhook() {
        Webhook webhook = Webhook.create(WebhookId.random(), tenant, WebhookFixtures.definition(b -> {
            b.enabled = true;
            b.orderedDelivery = true;
        }), "alice", Instant.now());
        webhooks.insert(webhook, 150);
        return webhook;
    }

    /** Events published one after the other, a millisecond apart; their ids in acceptance order. */
    private List<String> publishOneByOne(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant acceptedAt = past.plusMillis(i);
            ids.add(prefix + i);
            log.append(List.of(event(prefix + i)), (event, subscribed) -> matcher.fanOut(event, subscribed, acceptedAt));
        }
        return ids;
    }

    private List<String> claimedEvents(Webhook webhook, Instant now) {
        return claim(webhook, now, 10, Duration.ofMinutes(5)).stream().map(c -> c.delivery().eventId()).toList();
    }

    /** Records what the attempt at the ordered webhook's head (the one delivery it has in flight) led to. */
    private void recordHead(Webhook webhook, DeliveryState state, Optional<Instant> nextAttemptAt) {
        byte[] head = DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT head FROM webhook_delivery_order WHERE webhook_id = :id")
                .bind("id", webhook.id().toString()).mapTo(byte[].class).one());
        queue.record(List.of(new DeliveryQueue.AttemptRecord(new DeliveryId(BinaryIds.uuid(head)), state, nextAttemptAt,
                Optional.of(attempt(state == DeliveryState.SUCCEEDED ? 200 : 500)))), List.of());
    }

    @Test
    void deliveriesOfDisabledWebhooksWaitUntilItIsEnabledAgain() {
        Webhook webhook = webhook(true);
        publish(event("w1"));
        assertThat(webhooks.disable(webhook.id(), new DisabledReason(DisabledReasonCode.DISABLED_BY_OPERATOR, "paused"),
                Instant.now())).isPresent();

        assertThat(claim(webhook, past.plusSeconds(1), 10, Duration.ofMinutes(5))).isEmpty();
        assertThat(dueOfThisTenant(past.plusSeconds(1))).isEmpty();
        assertThat(count("state = 'PENDING'")).isEqualTo(1);

        Webhook disabled = webhooks.findById(tenant, webhook.id()).orElseThrow();
        WebhookDefinition.Builder on = disabled.definition().toBuilder();
        on.enabled = true;
        webhooks.update(disabled.redefine(on.build(), "owner", Instant.now()), 150);
        assertThat(claim(webhook, past.plusSeconds(1), 10, Duration.ofMinutes(5))).hasSize(1);
    }

    @Test
    void recordsWhatAttemptsLedTo() {
        Webhook webhook = webhook(true);
        publish(event("r1"), event("r2"), event("r3"));
        List<DeliveryQueue.Claimed> claimed = claim(webhook, past.plusSeconds(1), 10, Duration.ofMinutes(5));
        RecordedAttempt gone = new RecordedAttempt(past, "https://receiver.example.com/h", Map.of("X-Key", RecordedAttempt.OMITTED),
                410, Map.of("Server", "test"), "gone", "HTTP 410 Gone");

        queue.record(List.of(
                new DeliveryQueue.AttemptRecord(claimed.get(0).delivery().id(), DeliveryState.SUCCEEDED, Optional.empty(),
                        Optional.of(attempt(200))),
                new DeliveryQueue.AttemptRecord(claimed.get(1).delivery().id(), DeliveryState.FAILED, Optional.empty(),
                        Optional.of(gone)),
                new DeliveryQueue.AttemptRecord(claimed.get(2).delivery().id(), DeliveryState.PENDING,
                        Optional.of(past.plusSeconds(60)), Optional.empty())), List.of());

        assertThat(count("state = 'SUCCEEDED' AND status = 'success' AND attempts = 1")).isEqualTo(1);
        assertThat(count("state = 'FAILED' AND status = 'fail' AND status_code = 410 AND response_body = 'gone'")).isEqualTo(1);
        assertThat(count("state = 'PENDING' AND attempts = 0 AND last_attempt_at IS NULL")).as("not sent: no attempt counted")
                .isEqualTo(1);
        assertThat(claim(webhook, past.plusSeconds(59), 10, Duration.ofMinutes(5))).isEmpty();
        assertThat(claim(webhook, past.plusSeconds(60), 10, Duration.ofMinutes(5))).hasSize(1);
    }

    @Test
    void storesFailureStreaksWithACompareAndSetOnTheirVersion() {
        Webhook webhook = webhook(true);
        assertThat(queue.failureStreaks(List.of(webhook.id()))).isEmpty();
        FailureStreak one = new FailureStreak(1, Optional.of(past));

        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, one)));
        DeliveryQueue.FailureHistory stored = queue.failureStreaks(List.of(webhook.id())).get(webhook.id());
        assertThat(stored.streak()).isEqualTo(one);

        FailureStreak two = new FailureStreak(2, Optional.of(past));
        assertThatThrownBy(() -> queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, two))))
                .as("another instance inserted it first").isInstanceOf(DeliveryQueue.FailureStreakConflict.class);
        assertThatThrownBy(() -> queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), stored.version() + 7, two))))
                .as("another instance updated it meanwhile").isInstanceOf(DeliveryQueue.FailureStreakConflict.class);
        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), stored.version(), two)));
        assertThat(queue.failureStreaks(List.of(webhook.id())).get(webhook.id()).streak()).isEqualTo(two);
    }

    @Test
    void aConflictingStreakStoresNothingOfTheBatch() {
        Webhook webhook = webhook(true);
        publish(event("x1"));
        List<DeliveryQueue.Claimed> claimed = claim(webhook, past.plusSeconds(1), 10, Duration.ofMinutes(5));
        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, new FailureStreak(1, Optional.of(past)))));

        assertThatThrownBy(() -> queue.record(List.of(new DeliveryQueue.AttemptRecord(claimed.get(0).delivery().id(),
                DeliveryState.SUCCEEDED, Optional.empty(), Optional.of(attempt(200)))),
                List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, FailureStreak.NONE))))
                .isInstanceOf(DeliveryQueue.FailureStreakConflict.class);
        assertThat(count("state = 'PENDING'")).isEqualTo(1);
    }

    @Test
    void enablingADisabledWebhookEndsItsFailureStreak() {
        Webhook webhook = webhook(true);
        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, new FailureStreak(3, Optional.of(past)))));
        webhooks.disable(webhook.id(), new DisabledReason(DisabledReasonCode.CONSECUTIVE_FAILURES, "too many"), Instant.now());

        Webhook disabled = webhooks.findById(tenant, webhook.id()).orElseThrow();
        assertThat(disabled.disabledReason().code()).isEqualTo(DisabledReasonCode.CONSECUTIVE_FAILURES);
        assertThat(webhooks.disable(webhook.id(), new DisabledReason(DisabledReasonCode.GONE, "again"), Instant.now()))
                .as("only an enabled webhook is disabled").isEmpty();
        WebhookDefinition.Builder on = disabled.definition().toBuilder();
        on.enabled = true;
        Webhook enabled = webhooks.update(disabled.redefine(on.build(), "owner", Instant.now()), 150);

        assertThat(enabled.disabledReason()).isNull();
        assertThat(queue.failureStreaks(List.of(webhook.id())).get(webhook.id()).streak()).isEqualTo(FailureStreak.NONE);
    }

    @Test
    void deletingAWebhookDeletesItsDeliveriesAndItsStreak() {
        Webhook webhook = webhook(true);
        publish(event("d1"));
        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, new FailureStreak(1, Optional.of(past)))));
        webhooks.delete(tenant, webhook.id());
        assertThat(count("1 = 1")).isZero();
        assertThat(queue.failureStreaks(List.of(webhook.id()))).isEmpty();
        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, new FailureStreak(1, Optional.of(past)))));
        assertThat(queue.failureStreaks(List.of(webhook.id()))).as("a deleted webhook keeps no streak").isEmpty();
    }

    @Test
    void postponedDeliveriesComeBackWithoutAnAttempt() {
        Webhook webhook = webhook(true);
        publish(event("p1"));
        List<DeliveryQueue.Claimed> claimed = claim(webhook, past.plusSeconds(1), 10, Duration.ofMinutes(5));
        queue.postpone(List.of(claimed.get(0).delivery().id()), past.plusSeconds(2));

        List<DeliveryQueue.Claimed> again = claim(webhook, past.plusSeconds(3), 10, Duration.ofMinutes(5));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).delivery().attempts()).isZero();
    }

    @Test
    void purgesDeliveriesByAgeAndEventsByTheirTimeOrderedKeysAnHourLater() {
        webhook(true);
        publish(event("old1"), event("old2"), event("old3"));
        JdbiDeliveryHistory history = new JdbiDeliveryHistory(DATABASE.jdbi());
        // this tenant's rows are made old; other tests' rows are left alone by the narrow cutoff window
        DATABASE.jdbi().useHandle(h -> h.createUpdate("UPDATE deliveries SET triggered_at = '1990-01-01 00:00:00' WHERE tenant_id = :t")
                .bind("t", tenant).execute());
        Instant cutoff = Instant.parse("1990-01-02T00:00:00Z");
        storeEventRow(cutoff.minus(Duration.ofDays(1)));
        storeEventRow(cutoff.minus(Duration.ofHours(2)));
        storeEventRow(cutoff.minus(Duration.ofMinutes(30)));
        DeliveryHistory.Purged batch;
        do {
            batch = history.purgeOlderThan(cutoff, 2);
        } while (batch.full(2));

        assertThat(count("1 = 1")).isZero();
        assertThat(eventRowsOfThisTenantBefore(cutoff)).as("events go an hour after their deliveries").isEqualTo(1);
    }

    private void storeEventRow(Instant at) {
        DATABASE.jdbi().useHandle(h -> DeliveryRows.bindEvent(h.createUpdate(DeliveryRows.INSERT_EVENT),
                TimeOrderedUuid.at(at), null, tenant, at, new byte[] {1}, null).execute());
    }

    private int eventRowsOfThisTenantBefore(Instant at) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE tenant_id = :t AND id < :id")
                .bind("t", tenant).bind("id", BinaryIds.bytes(TimeOrderedUuid.lowestAt(at))).mapTo(Integer.class).one());
    }

    @Test
    void aWebhookWhoseSecretsCannotBeReadIsClaimedWithoutItsWebhook() {
        Webhook readable = webhook(true);
        Webhook unreadable = webhook(true);
        publish(event("u1"));
        DATABASE.jdbi().useHandle(h -> h.createUpdate("UPDATE webhooks SET secret = 'v1:gone:AAAA' WHERE id = :id")
                .bind("id", unreadable.id().toString()).execute());

        assertThat(claim(readable, past.plusSeconds(1), 10, Duration.ofMinutes(5))).singleElement()
                .satisfies(c -> assertThat(c.webhook()).isPresent());
        assertThat(claim(unreadable, past.plusSeconds(1), 10, Duration.ofMinutes(5))).singleElement()
                .satisfies(c -> assertThat(c.webhook()).isEmpty());
        assertThat(publish(event("u2"))).containsExactly(true); // matching needs no secrets, so ingest goes on
        assertThat(count("state = 'PENDING'")).isEqualTo(4);
    }

    private RecordedAttempt attempt(int status) {
        return new RecordedAttempt(past, "https://receiver.example.com/h", Map.of(), status, Map.of(), "", "HTTP " + status);
    }
}
