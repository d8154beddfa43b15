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
import dev.webhooks.application.delivery.DispatchDeliveries;
import dev.webhooks.domain.delivery.AutoDisablePolicy;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.delivery.RetrySchedule;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stop in the middle of sending hands the unfinished deliveries back at once: nothing lost, nothing stuck. */
class GracefulShutdownTest {
    private static final TestDatabase DATABASE = TestDatabase.shared();
    private static final AesGcmSecretCipher CIPHER = new AesGcmSecretCipher("k1", Map.of("k1", new byte[32]));

    private final Receiver receiver = new Receiver();
    private final String tenant = "shutdown-" + UUID.randomUUID();
    private final JdbiDeliveryQueue queue = new JdbiDeliveryQueue(DATABASE.jdbi(), CIPHER, AutoDisablePolicy.DEFAULT);
    private final HttpDeliverySender sender = new HttpDeliverySender(
            new TargetGuard(new TargetPolicy(true, List.of(CidrRange.parse("127.0.0.0/8")))), HttpDeliverySettings.defaults());

    @AfterEach
    void cleanUp() {
        receiver.close();
        sender.close();
        DATABASE.jdbi().useHandle(h -> h.createUpdate("DELETE FROM webhooks WHERE tenant_id = :t").bind("t", tenant).execute());
    }

    @Test
    void unfinishedAttemptsAreHandedBackAtStop() throws Exception {
        receiver.delay("/slow", Duration.ofSeconds(3));
        Instant past = Instant.parse("2000-06-01T00:00:00Z").plusSeconds(new SplittableRandom().nextInt(1_000_000));
        storeWebhookAndEvent(past);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        DispatchDeliveries dispatch = new DispatchDeliveries(queue, sender, new DispatchDeliveries.Settings(4, 4,
                Duration.ofMinutes(10), Duration.ofSeconds(5), RetrySchedule.DEFAULT), Clock.fixed(past.plusSeconds(1), java.time.ZoneOffset.UTC),
                senders, new SplittableRandom(1), DispatchDeliveries.AttemptListener.NONE);

        assertThat(dispatch.dispatchDue()).isGreaterThanOrEqualTo(1);
        receiver.next("/slow", Duration.ofSeconds(5));           // the attempt is in flight, the receiver is slow
        assertThat(mine(queue.claimDue(past.plusSeconds(2), 100, Duration.ofMinutes(10)))).isEmpty(); // leased

        senders.shutdownNow();                                   // stop with no grace left
        assertThat(dispatch.releaseUnfinished()).isGreaterThanOrEqualTo(1);

        assertThat(mine(queue.claimDue(past.plusSeconds(2), 100, Duration.ofMinutes(10)))).hasSize(1); // due at once
    }

    private List<DeliveryQueue.Claimed> mine(List<DeliveryQueue.Claimed> claimed) {
        return claimed.stream().filter(c -> c.delivery().tenantId().equals(tenant)).toList();
    }

    private void storeWebhookAndEvent(Instant at) {
        WebhookDefinition.Builder builder = new WebhookDefinition.Builder();
        builder.name = "slow";
        builder.url = new WebhookUrl(receiver.url("/slow"));
        builder.level = Level.TENANT;
        builder.ownerId = "owner";
        builder.eventTypes = List.of("com.qlik.v1.app.created");
        builder.enabled = true;
        builder.enableCloudEventDelivery = true;
        builder.origin = Origin.API;
        new JdbiWebhookRepository(DATABASE.jdbi(), CIPHER).insert(
                Webhook.create(WebhookId.random(), tenant, builder.build(), "owner", at), 150);
        CloudEvent event = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"s1\",\"source\":\"t\","
                + "\"type\":\"com.qlik.v1.app.created\",\"tenantid\":\"" + tenant + "\"}");
        new JdbiEventLog(DATABASE.jdbi(), CIPHER).append(List.of(event), (e, subscribed) -> new EventMatcher().fanOut(e, subscribed, at));
    }
}
