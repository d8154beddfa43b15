package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryQuery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.RecoveryWindow;
import dev.webhooks.domain.fixtures.DeliveryFixtures;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's recovery against the real database: copies with their own bodies, bounded, once per request. */
class DeliveryRecoveryTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));

    private final JdbiWebhookRepository webhooks = new JdbiWebhookRepository(DATABASE.jdbi(), CIPHER);
    private final JdbiDeliveryHistory history = new JdbiDeliveryHistory(DATABASE.jdbi());
    private final String tenant = "t-" + UUID.randomUUID();
    // In the past and on a disabled webhook, so that no dispatcher of another test claims the copies.
    private final Instant base = Instant.parse("2002-01-01T00:00:00Z").plusSeconds(new java.util.Random().nextInt(1_000_000));
    private final RecoveryWindow window = new RecoveryWindow(base.minusSeconds(3600), base, "w");
    private Webhook webhook;

    @BeforeEach
    void storeWebhook() {
        webhook = Webhook.create(WebhookId.random(), tenant, WebhookFixtures.definition(b -> b.enabled = false), "alice", base);
        webhooks.insert(webhook, 150);
    }

    @AfterEach
    void removeThisTenantsRows() {
        DATABASE.forgetTenants(tenant);
    }

    private Delivery stored(String eventId, DeliveryState state, Instant at) {
        Delivery delivery = DeliveryFixtures.attempted(DeliveryFixtures.pending(webhook, eventId, at), state, 500, at);
        history.insertAttempted(delivery);
        return delivery;
    }

    private List<Delivery> all() {
        return history.list(new DeliveryQuery(tenant, webhook.id(), Optional.empty(), Optional.empty()),
                DeliverySort.parse(null), PageRequest.first(100)).items();
    }

    private List<Delivery> copies(Instant at) {
        return all().stream().filter(delivery -> delivery.triggeredAt().equals(at)).toList();
    }

    @Test
    void copiesTheFailedDeliveriesOfTheWindowWithTheirExactBodies() {
        Delivery failed = stored("e1", DeliveryState.FAILED, base.minusSeconds(60));
        stored("e2", DeliveryState.SUCCEEDED, base.minusSeconds(50));
        stored("e3", DeliveryState.FAILED, base.minusSeconds(7200));
        stored("e4", DeliveryState.FAILED, base);

        int queued = history.recoverFailed(tenant, webhook.id(), window, "k-" + UUID.randomUUID(), base.plusSeconds(10), 100);

        assertThat(queued).isEqualTo(1);
        assertThat(copies(base.plusSeconds(10))).singleElement().satisfies(copy -> {
            assertThat(copy.eventId()).isEqualTo("e1");
            assertThat(copy.body()).isEqualTo(failed.body());
            assertThat(copy.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(copy.nextAttemptAt()).isEqualTo(base.plusSeconds(10));
            assertThat(copy.id()).isNotEqualTo(failed.id());
        });
    }

    @Test
    void aCopyKeepsItsBodyWhenTheOriginalsEventRowIsPurged() {
        Delivery failed = stored("e1", DeliveryState.FAILED, base.minusSeconds(60));
        history.recoverFailed(tenant, webhook.id(), window, "k-" + UUID.randomUUID(), base.plusSeconds(10), 100);

        int purged = DATABASE.jdbi().withHandle(h -> h.createUpdate("DELETE FROM events WHERE id = (SELECT event_ref FROM"
                + " deliveries WHERE id = :id)").bind("id", BinaryIds.bytes(failed.id().value())).execute());

        assertThat(purged).isEqualTo(1);
        assertThat(copies(base.plusSeconds(10))).singleElement().satisfies(copy -> assertThat(copy.body()).isEqualTo(failed.body()));
    }

    @Test
    void recoversAtMostTheBoundOldestFirst() {
        for (int i = 0; i < 5; i++) {
            stored("e" + i, DeliveryState.FAILED, base.minusSeconds(600 - i));
        }

        assertThat(history.recoverFailed(tenant, webhook.id(), window, "k-" + UUID.randomUUID(), base.plusSeconds(10), 3))
                .isEqualTo(3);
        assertThat(copies(base.plusSeconds(10))).extracting(Delivery::eventId).containsExactlyInAnyOrder("e0", "e1", "e2");
    }

    @Test
    void theSameRequestWithinAMinuteIsAnsweredOnceEvenFromTwoInstancesAtOnce() throws Exception {
        stored("e1", DeliveryState.FAILED, base.minusSeconds(60));
        stored("e2", DeliveryState.FAILED, base.minusSeconds(30));
        String key = "k-" + UUID.randomUUID();
        JdbiDeliveryHistory otherInstance = new JdbiDeliveryHistory(DATABASE.jdbi());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = threads.invokeAll(List.<Callable<Integer>>of(
                    () -> history.recoverFailed(tenant, webhook.id(), window, key, base.plusSeconds(10), 100),
                    () -> otherInstance.recoverFailed(tenant, webhook.id(), window, key, base.plusSeconds(11), 100)));
            assertThat(answers.get(0).get()).isEqualTo(2);
            assertThat(answers.get(1).get()).isEqualTo(2);
        } finally {
            threads.shutdown();
        }
        assertThat(history.recoverFailed(tenant, webhook.id(), window, key, base.plusSeconds(50), 100)).isEqualTo(2);
        assertThat(all()).hasSize(4);

        assertThat(history.recoverFailed(tenant, webhook.id(), window, key, base.plusSeconds(75), 100))
                .as("a minute later it is a new request").isEqualTo(2);
        assertThat(all()).hasSize(6);
    }
}
