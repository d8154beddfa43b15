package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent publishes joined into shared transactions of the real event log, against the real database. */
class GroupCommitEventLogTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));
    private static final int PUBLISHERS = 32;

    private final String tenant = "g-" + UUID.randomUUID();
    private final Jdbi jdbi = DATABASE.jdbi();
    private final CountingEventLog transactions = new CountingEventLog(new JdbiEventLog(jdbi, CIPHER));
    private final GroupCommitEventLog log = new GroupCommitEventLog(transactions, Duration.ofMillis(50), 1000, 2, size -> { });
    private final EventMatcher matcher = new EventMatcher();
    private final ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);

    @AfterEach
    void cleanUp() {
        publishers.shutdownNow();
        log.close();
        DATABASE.forgetTenants(tenant);
    }

    @Test
    void concurrentPublishesShareTransactionsAndEachReturnsAfterItsOwnCommit() throws Exception {
        new JdbiWebhookRepository(jdbi, CIPHER).insert(WebhookFixtures.webhook(tenant), 150);

        List<Future<Boolean>> results = publishConcurrently(PUBLISHERS, i -> {
            CloudEvent event = WebhookFixtures.event(tenant, "e-" + i);
            List<Boolean> fresh = publish(event);
            return fresh.get(0) && isStored(event) && deliveriesOf(event) == 1;
        });

        for (Future<Boolean> result : results) {
            assertThat(result.get()).as("new, stored with its delivery when the call returned").isTrue();
        }
        assertThat(transactions.appends.get()).as("transactions for %d publishes", PUBLISHERS).isLessThan(PUBLISHERS / 2);
    }

    @Test
    void anEventTheDatabaseRefusesFailsOnlyItsOwnPublish() throws Exception {
        String tooLong = tenant + "-" + "x".repeat(300);
        List<Future<Boolean>> results = publishConcurrently(PUBLISHERS, i -> {
            CloudEvent event = WebhookFixtures.event(i == 7 ? tooLong : tenant, "e-" + i);
            return publish(event).get(0) && isStored(event);
        });

        for (int i = 0; i < PUBLISHERS; i++) {
            if (i == 7) {
                int refused = i;
                assertThatThrownBy(() -> results.get(refused).get()).isInstanceOf(ExecutionException.class);
            } else {
                assertThat(results.get(i).get()).as("publish %d", i).isTrue();
            }
        }
        assertThat(transactions.appends.get()).as("the refused group, then each of its appends alone, and the rest")
                .isLessThan(2 * PUBLISHERS);
    }

    @Test
    void aRepeatIsARepeatWithinAGroupAndAcrossGroups() throws Exception {
        List<Future<Boolean>> sameEventTwice = publishConcurrently(PUBLISHERS, i -> publish(
                WebhookFixtures.event(tenant, "same-" + (i % 2))).get(0));

        int fresh = 0;
        for (Future<Boolean> result : sameEventTwice) {
            fresh += result.get() ? 1 : 0;
        }
        assertThat(fresh).as("new among %d publishes of two events", PUBLISHERS).isEqualTo(2);
        assertThat(publish(WebhookFixtures.event(tenant, "same-0"))).containsExactly(false);
        int stored = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM events WHERE tenant_id = :tenant")
                .bind("tenant", tenant).mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(2);
    }

    @Test
    void aBatchKeepsItsResultsInOrderWhenJoinedWithOthers() throws Exception {
        List<Future<Boolean>> results = publishConcurrently(8, i -> {
            List<CloudEvent> batch = List.of(WebhookFixtures.event(tenant, "b-" + i + "-0"),
                    WebhookFixtures.event(tenant, "shared"), WebhookFixtures.event(tenant, "b-" + i + "-1"));
            List<Boolean> fresh = log.append(batch, fanOut());
            return fresh.get(0) && fresh.get(2);
        });

        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
    }

    @Test
    void whenTheDatabaseIsUnavailableThePublishesWaitingMeanwhileFailAtOnce() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger transactionsTried = new AtomicInteger();
        EventLog hangingDatabase = (events, fanOut) -> {
            transactionsTried.incrementAndGet();
            hanging.countDown();
            await(release);
            throw new IllegalStateException(new java.sql.SQLTransientConnectionException("no database connection"));
        };
        try (GroupCommitEventLog oneCommitter = new GroupCommitEventLog(hangingDatabase, Duration.ZERO, 1000, 1, size -> { })) {
            Future<List<Boolean>> first = publishers.submit(() -> oneCommitter.append(
                    List.of(WebhookFixtures.event(tenant, "first")), fanOut()));
            hanging.await();
            List<Future<List<Boolean>>> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                CloudEvent event = WebhookFixtures.event(tenant, "queued-" + i);
                queued.add(publishers.submit(() -> oneCommitter.append(List.of(event), fanOut())));
            }
            Thread.sleep(100); // they queue behind the hanging group
            release.countDown();

            assertThatThrownBy(first::get).hasRootCauseInstanceOf(java.sql.SQLTransientConnectionException.class);
            for (Future<List<Boolean>> waiting : queued) {
                assertThatThrownBy(waiting::get).as("failed with the group, not after a hang of its own")
                        .hasRootCauseInstanceOf(java.sql.SQLTransientConnectionException.class);
            }
            assertThat(transactionsTried.get()).as("transactions tried").isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void afterCloseAPublishCommitsOnItsOwn() {
        log.close();

        assertThat(publish(WebhookFixtures.event(tenant, "late"))).containsExactly(true);
        assertThat(isStored(WebhookFixtures.event(tenant, "late"))).isTrue();
    }

    private List<Boolean> publish(CloudEvent event) {
        return log.append(List.of(event), fanOut());
    }

    private EventLog.FanOut fanOut() {
        Instant now = Instant.now();
        return (event, subscribed) -> matcher.fanOut(event, subscribed, now);
    }

    @FunctionalInterface
    private interface Publisher {
        Boolean publish(int index) throws Exception;
    }

    /** Runs {@code count} publishers released at once, so that their appends meet in the committers' windows. */
    private List<Future<Boolean>> publishConcurrently(int count, Publisher publisher) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Callable<Boolean> task = () -> {
                start.await();
                return publisher.publish(index);
            };
            results.add(publishers.submit(task));
        }
        start.countDown();
        return results;
    }

    private boolean isStored(CloudEvent event) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM events WHERE idempotency_key = :key")
                .bind("key", java.util.HexFormat.of().parseHex(JdbiEventLog.idempotencyKey(event))).mapTo(Integer.class).one()) == 1;
    }

    private int deliveriesOf(CloudEvent event) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries WHERE tenant_id = :tenant AND event_id = :id")
                .bind("tenant", event.tenantId()).bind("id", event.id()).mapTo(Integer.class).one());
    }

    /** Counts the transactions the group commit runs. */
    private static final class CountingEventLog implements EventLog {
        private final EventLog delegate;
        private final AtomicInteger appends = new AtomicInteger();

        CountingEventLog(EventLog delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Boolean> append(List<CloudEvent> events, FanOut fanOut) {
            appends.incrementAndGet();
            return delegate.append(events, fanOut);
        }
    }
}
