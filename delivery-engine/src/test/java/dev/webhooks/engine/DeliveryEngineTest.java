package dev.webhooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.application.delivery.AttemptDelivery;
import dev.webhooks.application.delivery.RecordAttempts;
import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.AutoDisableRules;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryPolicy;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.delivery.FixedRetrySchedule;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliverySender;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine with in-memory ports and a receiver the test scripts: turns, fairness, the slow lane, stop and outages. */
@Timeout(60)
class DeliveryEngineTest {
    private static final long SCHEDULING_JITTER_MS = 25;
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(webhooks);
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Function<DeliveryRequest, DeliveryAttempt>> receivers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> startNanos = new ConcurrentHashMap<>();
    private final CountDownLatch hangUntil = new CountDownLatch(1);
    private DeliveryEngine engine;

    private final DeliverySender sender = request -> {
        String host = java.net.URI.create(request.url()).getHost();
        startNanos.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        int now = running.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        mostAtOnce.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            DeliveryAttempt attempt = receivers.getOrDefault(host, r -> ok()).apply(request);
            arrivals.add(host);
            return attempt;
        } finally {
            running.get(host).decrementAndGet();
        }
    };

    @AfterEach
    void stopEngine() throws InterruptedException {
        hangUntil.countDown();
        if (engine != null) {
            engine.stop();
        }
    }

    private DeliveryEngine start(EngineSettings settings) {
        return start(settings, queue);
    }

    private DeliveryEngine start(EngineSettings settings, InMemoryDeliveryQueue on) {
        DeliveryPolicy policy = new DeliveryPolicy(FixedRetrySchedule.DEFAULT, 0, Duration.ofHours(1), AutoDisableRules.DEFAULT,
                () -> 0.5);
        engine = new DeliveryEngine(settings, on, new AttemptDelivery(sender, clock, Duration.ofSeconds(5)),
                new RecordAttempts(on, webhooks, policy, clock, RecordAttempts.Listener.NONE,
                        new dev.webhooks.application.event.AnnounceWebhookStatus(new dev.webhooks.application.event.PublishEvent((events, fanOut) -> events.stream().map(e -> true).toList(), new dev.webhooks.domain.delivery.EventMatcher(), clock, 100), clock)), clock);
        engine.start();
        return engine;
    }

    private static EngineSettings settings(int maxInFlight, int perWebhook, int slowLane, Duration slowAfter) {
        return new EngineSettings(maxInFlight, perWebhook, slowLane, slowAfter, Duration.ofMinutes(1), Duration.ofMillis(50),
                Duration.ofMillis(5), Duration.ofSeconds(1));
    }

    private Webhook webhook(String tenant, String host) {
        Webhook webhook = WebhookFixtures.webhook(tenant, b -> b.url = new WebhookUrl("https://" + host + "/hook"));
        webhooks.insert(webhook, 1000);
        return webhook;
    }

    private List<Delivery> publish(Webhook webhook, int count) {
        Instant now = clock.instant();
        List<Delivery> published = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            published.addAll(new EventMatcher().fanOut(WebhookFixtures.event(webhook.tenantId(), webhook.id() + "-" + i),
                    List.of(webhook), now));
        }
        queue.add(published.toArray(Delivery[]::new));
        return published;
    }

    private long delivered(Webhook webhook) {
        return queue.all().stream().filter(d -> d.webhookId().equals(webhook.id()) && d.state() == DeliveryState.SUCCEEDED).count();
    }

    private static DeliveryAttempt ok() {
        return DeliveryAttempt.answered(200, Map.of(), "", Optional.empty());
    }

    private DeliveryAttempt hang(DeliveryRequest request) {
        try {
            hangUntil.await(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DeliveryAttempt.failed(AttemptFailure.TIMEOUT, "timed out");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 30 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void deliversWhatIsDueAndRecordsIt() throws Exception {
        List<Webhook> several = List.of(webhook("t1", "a.example"), webhook("t1", "b.example"), webhook("t2", "c.example"));
        several.forEach(webhook -> publish(webhook, 30));
        start(settings(8, 2, 2, Duration.ofSeconds(2)));

        waitUntil(() -> several.stream().allMatch(webhook -> delivered(webhook) == 30));
        assertThat(queue.all()).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
        waitUntil(() -> engine.sizes().get("lanes") == 0);
    }

    @Test
    void aRateLimitedWebhookNeverStartsMoreThanItsRateInAnySecondWhileItsNeighbourRunsAtFullSpeed() throws Exception {
        Webhook limited = webhook("t1", "limited.example", 20);
        Webhook unlimited = webhook("t1", "unlimited.example");
        publish(limited, 50);
        publish(unlimited, 200);
        long started = System.nanoTime();
        start(settings(16, 8, 2, Duration.ofSeconds(2)));

        waitUntil(() -> delivered(unlimited) == 200);
        long unlimitedDone = System.nanoTime() - started;
        waitUntil(() -> delivered(limited) == 50);
        long limitedDone = System.nanoTime() - started;

        // Each attempt begins at or after its slot, the slots a second apart per 20; an attempt may begin a few
        // milliseconds after its slot (thread scheduling), so 21 starts span at least a second minus that jitter.
        List<Long> starts = startNanos.get("limited.example").stream().sorted().toList();
        for (int i = 0; i + 20 < starts.size(); i++) {
            assertThat(starts.get(i + 20) - starts.get(i)).as("starts %d to %d of %s span at least a second", i, i + 20, starts)
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_000 - SCHEDULING_JITTER_MS));
        }
        // upper bounds stay loose: on a busy machine everything may take longer, but never less than the rate allows
        assertThat(starts.get(starts.size() - 1) - starts.get(0)).as("50 at 20/s take at least 2.45 s")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2_450 - SCHEDULING_JITTER_MS));
        assertThat(limitedDone).as("but not much longer").isLessThan(TimeUnit.SECONDS.toNanos(20));
        assertThat(unlimitedDone).as("the unlimited neighbour does not wait for it").isLessThan(limitedDone);
        assertThat(queue.all()).allSatisfy(d -> assertThat(d.attempts()).as("waiting is no attempt").isEqualTo(1));
    }

    private Webhook webhook(String tenant, String host, int perSecond) {
        Webhook webhook = WebhookFixtures.webhook(tenant, b -> {
            b.url = new WebhookUrl("https://" + host + "/hook");
            b.maxDeliveriesPerSecond = new dev.webhooks.domain.webhook.DeliveryRate(perSecond);
        });
        webhooks.insert(webhook, 1000);
        return webhook;
    }

    @Test
    void anOrderedWebhookGetsOneAttemptAtATimeInAcceptanceOrderAndAFailureIsRetriedBeforeTheNext() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        receivers.put("ordered.example", request -> {
            sent.add(request.deliveryId());
            sleep(1);
            return calls.incrementAndGet() % 4 == 0 ? DeliveryAttempt.answered(500, Map.of(), "", Optional.empty()) : ok();
        });
        Webhook ordered = WebhookFixtures.webhook("t1", b -> {
            b.url = new WebhookUrl("https://ordered.example/hook");
            b.orderedDelivery = true;
        });
        webhooks.insert(ordered, 1000);
        receivers.put("neighbour.example", request -> {
            sleep(5);
            return ok();
        });
        Webhook neighbour = webhook("t1", "neighbour.example");
        List<Delivery> accepted = publish(ordered, 60);
        publish(neighbour, 60);
        start(settings(16, 8, 2, Duration.ofSeconds(2)));

        waitUntil(() -> delivered(ordered) == 60 && delivered(neighbour) == 60);
        assertThat(mostAtOnce.get("ordered.example").get()).as("one at a time").isEqualTo(1);
        assertThat(mostAtOnce.get("neighbour.example").get()).as("the unordered neighbour is not held to one").isGreaterThan(1);
        List<String> inOrder = accepted.stream().map(d -> d.id().toString()).toList();
        assertThat(sent.stream().distinct().toList()).as("first attempts in acceptance order").isEqualTo(inOrder);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(inOrder.indexOf(sent.get(i))).as("attempt %d goes back to an earlier delivery", i)
                    .isGreaterThanOrEqualTo(inOrder.indexOf(sent.get(i - 1)));
        }
        assertThat(calls.get() - 60).as("every fourth answered 500 and was retried").isEqualTo(calls.get() / 4).isPositive();
    }

    @Test
    void aWebhookNeverHasMoreThanItsLimitInFlight() throws Exception {
        receivers.put("busy.example", request -> {
            sleep(20);
            return ok();
        });
        Webhook busy = webhook("t1", "busy.example");
        publish(busy, 40);
        start(settings(16, 3, 2, Duration.ofSeconds(2)));

        waitUntil(() -> delivered(busy) == 40);
        assertThat(mostAtOnce.get("busy.example").get()).isEqualTo(3);
    }

    @Test
    void aBacklogOfOneTenantDoesNotDelayAnother() throws Exception {
        receivers.put("backlog.example", request -> {
            sleep(2);
            return ok();
        });
        Webhook backlog = webhook("big", "backlog.example");
        publish(backlog, 3000);
        start(settings(8, 8, 2, Duration.ofSeconds(2)));
        waitUntil(() -> delivered(backlog) > 100);

        Webhook other = webhook("small", "other.example");
        Delivery single = publish(other, 1).get(0);
        engine.due(List.of(new dev.webhooks.domain.port.DeliveryQueue.DueWebhook("small", other.id(), single.nextAttemptAt())));
        long told = System.nanoTime();
        waitUntil(() -> delivered(other) == 1);

        assertThat(Duration.ofNanos(System.nanoTime() - told)).isLessThan(Duration.ofMillis(500));
        assertThat(delivered(backlog)).as("the backlog is still draining").isLessThan(3000);
    }

    @Test
    void hangingReceiversGetTheSlowLaneAndLeaveTheFastSlotsToTheOthers() throws Exception {
        List<Webhook> hanging = List.of(webhook("t1", "hang1.example"), webhook("t1", "hang2.example"),
                webhook("t2", "hang3.example"), webhook("t2", "hang4.example"));
        hanging.forEach(webhook -> {
            receivers.put(java.net.URI.create(webhook.definition().url().value()).getHost(), this::hang);
            publish(webhook, 20);
        });
        Webhook healthy = webhook("t3", "healthy.example");
        start(settings(4, 2, 2, Duration.ofMillis(200)));
        Thread.sleep(600); // every hanging webhook has had attempts moved to overtime

        publish(healthy, 50);
        long started = System.nanoTime();
        waitUntil(() -> delivered(healthy) == 50);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not behind the 5 s timeouts").isLessThan(Duration.ofSeconds(3));
        int hangingNow = hanging.stream().mapToInt(w -> running.get(java.net.URI.create(w.definition().url().value()).getHost()).get()).sum();
        assertThat(hangingNow).as("fast slots given back, at most the overtime bound plus the slow lane").isLessThanOrEqualTo(4 + 2);
    }

    @Test
    void aStopHandsBackWhatDidNotFinish() throws Exception {
        receivers.put("hang.example", this::hang);
        Webhook webhook = webhook("t1", "hang.example");
        publish(webhook, 5);
        start(new EngineSettings(4, 2, 1, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMillis(50),
                Duration.ofMillis(5), Duration.ZERO));
        waitUntil(() -> running.getOrDefault("hang.example", new AtomicInteger()).get() == 2);

        engine.stop();
        engine = null;

        Instant now = clock.instant();
        assertThat(queue.all()).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.nextAttemptAt()).as("due at once, not after the lease").isBeforeOrEqualTo(now);
        });
    }

    @Test
    void aPausedEngineClaimsNothingUntilResumed() throws Exception {
        Webhook webhook = webhook("t1", "a.example");
        start(settings(4, 2, 1, Duration.ofSeconds(2))).pause();
        publish(webhook, 3);
        Thread.sleep(300);
        assertThat(queue.claims()).isZero();
        assertThat(engine.lastRound()).as("the dispatcher still goes round").isPresent();

        engine.resume();
        waitUntil(() -> delivered(webhook) == 3);
    }

    @Test
    void survivesAQueueThatFailsForAWhile() throws Exception {
        InMemoryDeliveryQueue flaky = new InMemoryDeliveryQueue(webhooks) {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public synchronized List<DueWebhook> dueWebhooks(Instant now, int limit) {
                if (calls.incrementAndGet() < 5) {
                    throw new IllegalStateException("database unavailable");
                }
                return super.dueWebhooks(now, limit);
            }
        };
        Webhook webhook = webhook("t1", "a.example");
        Instant now = clock.instant();
        flaky.add(new EventMatcher().fanOut(WebhookFixtures.event("t1", "e1"), List.of(webhook), now).toArray(Delivery[]::new));
        start(settings(4, 2, 1, Duration.ofSeconds(2)), flaky);

        waitUntil(() -> flaky.all().get(0).state() == DeliveryState.SUCCEEDED);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
