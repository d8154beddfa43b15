package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of the service on one database under load: they share the deliveries without stepping on each
 * other, so every delivery arrives exactly once (no crash, no repeats) and both send a share of them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoInstancesIT {
    private static final int EVENTS = 4_000;
    static final DropwizardAppExtension<WebhooksConfiguration> FIRST = instance();
    static final DropwizardAppExtension<WebhooksConfiguration> SECOND = instance();

    private static DropwizardAppExtension<WebhooksConfiguration> instance() {
        return TestApp.create(
                ConfigOverride.config("delivery.pollInterval", "100ms"),
                ConfigOverride.config("delivery.maxInFlight", "32"));
    }

    @AfterAll
    static void forgetTenants() {
        TestApp.forgetTenants("two-");
    }

    @Test
    void everyDeliveryArrivesExactlyOnceAndBothInstancesSend() throws Exception {
        Workload workload = new Workload("two-", 3, 4242L);
        try (CountingReceiver receiver = new CountingReceiver()) {
            receiver.delay(Duration.ofMillis(10));
            ServiceCalls first = calls(FIRST);
            workload.createWebhooks(first, receiver);
            List<Workload.Event> events = workload.events(EVENTS, "two-");

            long started = System.nanoTime();
            List<Workload.Event> accepted = publishThroughBoth(first, calls(SECOND), events);
            long expected = workload.deliveriesFor(accepted);
            long missing = workload.awaitDelivered(accepted, receiver, Duration.ofMinutes(2));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Thread.sleep(3_000); // a repeat, if any, would arrive meanwhile
            long sentByFirst = successes(FIRST);
            long sentBySecond = successes(SECOND);

            new Figures("two-instances")
                    .put("events published", EVENTS)
                    .put("events accepted (202)", accepted.size())
                    .put("deliveries expected", expected)
                    .put("delivered (expected deliveries that arrived)", expected - missing)
                    .put("requests received in total", receiver.received())
                    .put("duplicates (a delivery received again)", receiver.duplicates())
                    .put("successful attempts by the first instance", sentByFirst)
                    .put("successful attempts by the second instance", sentBySecond)
                    .put("publishing and delivering took", took)
                    .report();
            assertThat(accepted.size()).as("events accepted").isEqualTo(EVENTS);
            assertThat(missing).as("deliveries that never arrived").isZero();
            assertThat(receiver.duplicates()).as("deliveries received more than once").isZero();
            assertThat(receiver.repeatedPairs()).as("events received more than once by a webhook").isZero();
            assertThat((long) receiver.received()).as("requests received").isEqualTo(expected);
            assertThat(sentByFirst + sentBySecond).as("successful attempts by both instances").isEqualTo(expected);
            assertThat(sentByFirst).as("the first instance's share").isGreaterThanOrEqualTo(expected / 10);
            assertThat(sentBySecond).as("the second instance's share").isGreaterThanOrEqualTo(expected / 10);
            assertThat(receiver.badlySigned()).as("deliveries to signed webhooks without a valid signature").isZero();
        }
    }

    /** Half the events through each instance, at the same time. */
    private static List<Workload.Event> publishThroughBoth(ServiceCalls first, ServiceCalls second, List<Workload.Event> events) {
        int half = events.size() / 2;
        CompletableFuture<ConcurrentPublisher.Result> viaFirst = CompletableFuture.supplyAsync(
                () -> publish(first, events.subList(0, half)));
        CompletableFuture<ConcurrentPublisher.Result> viaSecond = CompletableFuture.supplyAsync(
                () -> publish(second, events.subList(half, events.size())));
        List<Workload.Event> accepted = new ArrayList<>(viaFirst.join().accepted());
        accepted.addAll(viaSecond.join().accepted());
        return accepted;
    }

    private static ConcurrentPublisher.Result publish(ServiceCalls calls, List<Workload.Event> events) {
        try {
            return ConcurrentPublisher.publish(calls, events, 3);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long successes(DropwizardAppExtension<WebhooksConfiguration> instance) {
        return instance.getEnvironment().metrics().meter("deliveries.outcome.success").getCount();
    }

    private static ServiceCalls calls(DropwizardAppExtension<WebhooksConfiguration> instance) {
        return new ServiceCalls("http://127.0.0.1:" + instance.getLocalPort(),
                instance.getConfiguration().getAuth().getHmacSecret());
    }
}
