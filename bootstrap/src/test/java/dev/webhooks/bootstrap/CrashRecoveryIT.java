package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of delivering: the packaged service, a separate process on its embedded database,
 * is killed while deliveries are in flight and started again on the same data directory. Every event that got a 202
 * still reaches every webhook it matches, at least once; the duplicates the crash costs are counted.
 */
class CrashRecoveryIT {
    private static final int EVENTS = 5_000;
    private static final String JWT_SECRET = "crash-recovery-jwt-secret-" + UUID.randomUUID();
    private static final Duration LEASE = Duration.ofSeconds(7);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory = Path.of("target", "crash-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    void everyAcceptedEventArrivesAfterTheServiceWasKilled() throws Exception {
        Files.createDirectories(directory);
        Workload workload = new Workload("crash-", 3, 20260101L);
        try (CountingReceiver receiver = new CountingReceiver();
             ServiceProcess service = new ServiceProcess(jar(), Path.of("..", "config.yml").toAbsolutePath(), overrides())) {
            service.start(directory.resolve("run-1.log"), START_TIMEOUT);
            ServiceCalls calls = new ServiceCalls(service.baseUrl(), JWT_SECRET);
            workload.createWebhooks(calls, receiver);
            receiver.delay(Duration.ofMillis(200)); // a slow receiver: the kill finds most deliveries still to do

            long publishingFrom = System.nanoTime();
            ConcurrentPublisher.Result published = ConcurrentPublisher.publish(calls, workload.events(EVENTS, "crash-"), 6);
            Duration publishing = Duration.ofNanos(System.nanoTime() - publishingFrom);
            List<Workload.Event> accepted = published.accepted();
            long expected = workload.deliveriesFor(accepted);
            long killedAt = System.nanoTime();
            service.kill();
            int beforeKill = receiver.received();
            receiver.delay(Duration.ZERO);

            long restartedAt = System.nanoTime();
            service.start(directory.resolve("run-2.log"), START_TIMEOUT);
            Duration restart = Duration.ofNanos(System.nanoTime() - restartedAt);
            long missing = awaitDelivered(workload, accepted, receiver, Duration.ofMinutes(3));
            Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
            Thread.sleep(2_000); // late repeats, if any, still count
            service.stop(Duration.ofMinutes(1));

            new Figures("crash")
                    .put("events published", EVENTS)
                    .put("publish answers (status=requests)", published.statuses())
                    .put("events accepted (202)", accepted.size())
                    .put("publishing took", publishing)
                    .put("deliveries expected", expected)
                    .put("delivered before the kill", beforeKill)
                    .put("delivered (expected deliveries that arrived)", expected - missing)
                    .put("requests received in total", receiver.received())
                    .put("duplicates (a delivery received again)", receiver.duplicates())
                    .put("restart (start until answering)", restart)
                    .put("time to recover (kill until every expected delivery arrived)", recovery)
                    .report();
            assertThat(accepted.size()).as("events accepted before the kill").isEqualTo(EVENTS);
            assertThat(beforeKill).as("killed while delivering: some arrived, many not").isPositive()
                    .isLessThan((int) (expected * 0.8));
            assertThat(missing).as("accepted deliveries that never arrived").isZero();
            assertThat(receiver.badlySigned()).as("deliveries to signed webhooks without a valid signature").isZero();
            assertThat(service.survivors()).as("processes left running after a clean stop").isEmpty();
        }
    }

    private List<String> overrides() {
        return List.of(
                "databaseSettings.dataDirectory=" + directory.resolve("data"),
                "auth.hmacSecret=" + JWT_SECRET,
                "allowHttp=true",
                "allowedTargetCidrs=127.0.0.0/8",
                "rateLimits.enabled=false",
                "delivery.attemptTimeout=1s",
                "delivery.lease=" + LEASE.toSeconds() + "s",
                "delivery.pollInterval=100ms");
    }

    /** Waits until every expected delivery arrived or the time is up; returns how many are still missing. */
    static long awaitDelivered(Workload workload, List<Workload.Event> events, CountingReceiver receiver, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long missing = workload.missing(events, receiver);
        while (missing > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            missing = workload.missing(events, receiver);
        }
        return missing;
    }

    private static Path jar() {
        return Path.of(System.getProperty("webhooks.jar", "target/webhooks.jar")).toAbsolutePath();
    }
}
