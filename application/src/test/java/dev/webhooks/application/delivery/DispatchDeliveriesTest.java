package dev.webhooks.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryId;
import dev.webhooks.domain.delivery.RetrySchedule;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.port.DeliverySender;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher's slots and per-webhook turns, with an in-memory queue and a sender the test holds back. */
class DispatchDeliveriesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch receiverAnswers = new CountDownLatch(1);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final DeliverySender holdingSender = request -> {
        sent.add(request.deliveryId());
        await(receiverAnswers);
        return DeliveryAttempt.answered(200, Map.of(), "", Optional.empty());
    };
    private final FakeQueue queue = new FakeQueue();

    @AfterEach
    void stop() {
        receiverAnswers.countDown();
        executor.shutdownNow();
    }

    private DispatchDeliveries dispatcher(int maxInFlight, int perWebhook) {
        return new DispatchDeliveries(queue, holdingSender,
                new DispatchDeliveries.Settings(maxInFlight, perWebhook, Duration.ofMinutes(1), Duration.ofSeconds(10), RetrySchedule.DEFAULT),
                Clock.fixed(NOW, java.time.ZoneOffset.UTC), executor, new SplittableRandom(1), DispatchDeliveries.AttemptListener.NONE);
    }

    @Test
    void aBusyWebhooksDeliveriesWaitForItsTurnAndTheRestGoBackToTheQueue() throws Exception {
        Webhook webhook = webhook();
        for (int i = 0; i < 7; i++) {
            queue.due.add(new DeliveryQueue.Claimed(delivery(webhook, "e" + i), webhook));
        }
        DispatchDeliveries dispatch = dispatcher(10, 2);

        assertThat(dispatch.dispatchDue()).isEqualTo(4);
        awaitSent(2);
        assertThat(queue.postponed).hasSize(3);
        assertThat(dispatch.inFlight()).isEqualTo(2);

        receiverAnswers.countDown();
        awaitSent(4);
        waitUntil(() -> dispatch.inFlight() == 0);
        assertThat(dispatch.recordCompleted()).isEqualTo(4);
        assertThat(queue.recorded).hasSize(4).allMatch(DeliveryQueue.Result::succeeded);
    }

    @Test
    void deliveriesWaitingForAHangingWebhookLeaveTheSlotsToOthers() throws Exception {
        Webhook hanging = webhook();
        Webhook healthy = webhook();
        for (int i = 0; i < 4; i++) {
            queue.due.add(new DeliveryQueue.Claimed(delivery(hanging, "h" + i), hanging));
        }
        DispatchDeliveries dispatch = dispatcher(4, 2);
        assertThat(dispatch.dispatchDue()).isEqualTo(4);
        awaitSent(2);

        Delivery neighbour = delivery(healthy, "n1");
        queue.due.add(new DeliveryQueue.Claimed(neighbour, healthy));
        assertThat(dispatch.dispatchDue()).isEqualTo(1);
        waitUntil(() -> sent.contains(neighbour.id().toString()));
    }

    @Test
    void claimsNoMoreThanTheFreeSlotsAndReportsSaturation() {
        Webhook first = webhook();
        Webhook second = webhook();
        for (int i = 0; i < 6; i++) {
            Webhook owner = i % 2 == 0 ? first : second;
            queue.due.add(new DeliveryQueue.Claimed(delivery(owner, "s" + i), owner));
        }
        DispatchDeliveries dispatch = dispatcher(4, 8);

        assertThat(dispatch.dispatchDue()).isEqualTo(4);
        assertThat(dispatch.saturated()).isTrue();
        assertThat(dispatch.dispatchDue()).isZero();
        assertThat(queue.due).hasSize(2);
    }

    private void awaitSent(int count) throws InterruptedException {
        waitUntil(() -> sent.size() >= count);
        Thread.sleep(100); // nothing more may start while the webhook's turns are taken
        assertThat(sent).hasSize(count);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Webhook webhook() {
        WebhookDefinition.Builder builder = new WebhookDefinition.Builder();
        builder.name = "w";
        builder.url = new WebhookUrl("https://receiver.example.com/h");
        builder.level = Level.TENANT;
        builder.ownerId = "owner";
        builder.eventTypes = List.of("com.qlik.v1.app.created");
        builder.enabled = true;
        builder.enableCloudEventDelivery = true;
        builder.origin = Origin.API;
        return Webhook.create(WebhookId.random(), "acme", builder.build(), "owner", NOW);
    }

    private static Delivery delivery(Webhook webhook, String eventId) {
        CloudEvent event = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"test\","
                + "\"type\":\"com.qlik.v1.app.created\",\"tenantid\":\"acme\",\"time\":\"2026-01-01T00:00:00Z\"}");
        return Delivery.of(event, webhook, NOW, Optional.empty());
    }

    /** Hands out what is due in order; remembers what was postponed and recorded. */
    private static final class FakeQueue implements DeliveryQueue {
        final List<Claimed> due = new ArrayList<>();
        final List<DeliveryId> postponed = new CopyOnWriteArrayList<>();
        final List<Result> recorded = new CopyOnWriteArrayList<>();

        @Override
        public synchronized List<Claimed> claimDue(Instant now, int max, Duration lease) {
            List<Claimed> claimed = new ArrayList<>(due.subList(0, Math.min(max, due.size())));
            due.subList(0, claimed.size()).clear();
            return claimed;
        }

        @Override
        public void postpone(List<DeliveryId> deliveryIds, Instant dueAt) {
            postponed.addAll(deliveryIds);
        }

        @Override
        public void record(List<Result> results) {
            recorded.addAll(results);
        }

        @Override
        public long countDue(Instant now) {
            return due.size();
        }

        @Override
        public Optional<Instant> oldestDue() {
            return Optional.empty();
        }

        @Override
        public int requeueFailed(RequeueCriteria criteria, Instant now, int batchSize) {
            return 0;
        }
    }
}
