package dev.webhooks.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery through a crash: 1,000 events to an ordered webhook whose receiver answers 500 and hangs now and
 * then; the packaged service is killed ({@code kill -9}) in the middle and started again on the same data. The receiver
 * sees the events in acceptance order, each answered 200 once, but for at most one repeat: the delivery in flight at
 * the kill, sent again before any later one.
 */
class OrderedDeliveryIT {
    private static final int EVENTS = 1_000;
    private static final String JWT_SECRET = "ordered-jwt-secret-" + UUID.randomUUID();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory = ScratchDirectory.create("ordered-");

    @Test
    void aThousandEventsArriveInAcceptanceOrderThroughFailuresTimeoutsAndAKill() throws Exception {
        Path data = directory.resolve("data");
        try (OrderReceiver receiver = new OrderReceiver(Duration.ofMillis(1500));
             ServiceProcess service = ServiceProcess.packaged(
                     ServiceProcess.deliveringLocally(JWT_SECRET, "databaseSettings.dataDirectory=" + data))) {
            service.start(directory.resolve("run-1.log"), START_TIMEOUT);
            OrderedScenario scenario = new OrderedScenario(new ServiceCalls(service.baseUrl(), JWT_SECRET),
                    "ordered-" + UUID.randomUUID(), EVENTS);
            scenario.createWebhook(receiver);
            scenario.publish();
            OrderedScenario.awaitSucceeded(receiver, EVENTS / 3, Duration.ofMinutes(2));
            int beforeKill = receiver.succeeded();
            service.kill();
            long killedAt = System.nanoTime();

            service.start(directory.resolve("run-2.log"), START_TIMEOUT);
            OrderedScenario.awaitSucceeded(receiver, EVENTS, Duration.ofMinutes(3));
            Duration afterKill = Duration.ofNanos(System.nanoTime() - killedAt);
            Thread.sleep(1_000); // anything sent once more would arrive meanwhile
            service.stop(Duration.ofMinutes(1));

            scenario.check(receiver, 1, new Figures("ordered-delivery-kill")
                    .put("answered 200 before the kill", beforeKill)
                    .put("kill until every event was answered 200", afterKill)).report();
        }
        ScratchDirectory.delete(data);
    }

}
