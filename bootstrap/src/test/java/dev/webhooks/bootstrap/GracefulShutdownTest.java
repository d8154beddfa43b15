package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.adapters.delivery.HttpDeliverySender;
import dev.webhooks.adapters.delivery.HttpDeliverySettings;
import dev.webhooks.adapters.delivery.TargetGuard;
import dev.webhooks.adapters.persistence.AesGcmSecretCipher;
import dev.webhooks.adapters.persistence.JdbiDeliveryQueue;
import dev.webhooks.adapters.persistence.JdbiEventLog;
import dev.webhooks.adapters.persistence.JdbiWebhookRepository;
import dev.webhooks.adapters.persistence.TestDatabase;
import dev.webhooks.application.delivery.AttemptDelivery;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.AutoDisableRules;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.delivery.FixedRetrySchedule;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookUrl;
import dev.webhooks.engine.DeliveryEngine;
import dev.webhooks.engine.EngineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stop in the middle of sending hands the unfinished deliveries back at once: nothing lost, nothing stuck. */
class GracefulShutdownTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));

    private final Receiver receiver = new Receiver();
    private final String tenant = "shutdown-" + UUID.randomUUID();
    private final JdbiDeliveryQueue queue = new JdbiDeliveryQueue(DATABASE.jdbi(), CIPHER);
    private final JdbiWebhookRepository webhooks = new JdbiWebhookRepository(DATABASE.jdbi(), CIPHER);
    private final HttpDeliverySender sender = new HttpDeliverySender(
            new TargetGuard(new TargetPolicy(true, List.of(CidrRange.parse("127.0.0.0/8")))), HttpDeliverySettings.defaults());

    @AfterEach
    void cleanUp() {
        receiver.close();
        sender.close();
        DATABASE.forgetTenants(tenant);
    }

    @Test
    void unfinishedAttemptsAreHandedBackAtStop() throws Exception {
        receiver.delay("/slow", Duration.ofSeconds(3));
        Webhook webhook = storeWebhookAndEvent(Instant.now());
        Clock clock = Clock.systemUTC();
        DeliveryPolicy policy = new DeliveryPolicy(FixedRetrySchedule.DEFAULT, 0.2, Duration.ofHours(1), AutoDisableRules.DEFAULT,
                Math::random);
        DeliveryEngine engine = new DeliveryEngine(new EngineSettings(4, 4, 2, Duration.ofSeconds(2), Duration.ofMinutes(10),
                Duration.ofMillis(100), Duration.ofMillis(10), Duration.ZERO), queue,
                new AttemptDelivery(sender, clock, Duration.ofSeconds(5)),
                new RecordAttempts(queue, webhooks, policy, clock, RecordAttempts.Listener.NONE,
                        new dev.webhooks.application.event.AnnounceWebhookStatus(new dev.webhooks.application.event.PublishEvent((events, fanOut) -> events.stream().map(e -> true).toList(), new dev.webhooks.domain.delivery.EventMatcher(), clock, 100), clock)), clock);
        engine.start();
        receiver.next("/slow", Duration.ofSeconds(5));           // the attempt is in flight, the receiver is slow
        assertThat(claim(webhook)).as("leased").isEmpty();

        engine.stop();                                           // no grace: the attempt is interrupted

        assertThat(claim(webhook)).as("due again at once, no attempt counted").singleElement()
                .satisfies(claimed -> assertThat(claimed.delivery().attempts()).isZero());
    }

    private List<DeliveryQueue.Claimed> claim(Webhook webhook) {
        return queue.claim(List.of(new DeliveryQueue.ClaimRequest(tenant, webhook.id(), 10)), Instant.now(), Duration.ofMinutes(10));
    }

    private Webhook storeWebhookAndEvent(Instant at) {
        Webhook webhook = Webhook.create(WebhookId.random(), tenant,
                WebhookFixtures.definition(b -> b.url = new WebhookUrl(receiver.url("/slow"))), "alice", at);
        webhooks.insert(webhook, 150);
        CloudEvent event = WebhookFixtures.event(tenant, "s1");
        new JdbiEventLog(DATABASE.jdbi(), CIPHER).append(List.of(event), (e, subscribed) -> new EventMatcher().fanOut(e, subscribed, at));
        return webhook;
    }
}
