package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of delivering: the packaged service, a separate process on its embedded database,
 * is killed while deliveries are in flight and started again on the same data directory. Every event that got a 202
 * still reaches every webhook it matches, at least once; the duplicates the crash costs are counted. Killed in the
 * middle of publishing, with publishes sharing transactions (group commit), every event that got its 202 is kept.
 */
class CrashRecoveryIT {
    private static final int EVENTS = 5_000;
    private static final String JWT_SECRET = "crash-recovery-jwt-secret-" + UUID.randomUUID();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory = ScratchDirectory.create("crash-");
    private final Workload workload = new Workload("crash-", 3, 20260101L);

    /** The state at the kill: what was published and accepted, what had arrived, what the kill left running. */
    private record Kill(ConcurrentPublisher.Result published, Duration publishing, long expected, int arrived,
                        List<ProcessHandle> orphans, long at) {
    }

    @Test
    void everyAcceptedEventArrivesAfterTheServiceWasKilled() throws Exception {
        try (CountingReceiver receiver = new CountingReceiver();
             ServiceProcess service = service(directory.resolve("data"))) {
            Kill kill = publishAndKill(service, receiver);

            long restartedAt = System.nanoTime();
            service.start(directory.resolve("run-2.log"), START_TIMEOUT);
            Duration restart = Duration.ofNanos(System.nanoTime() - restartedAt);
            long orphansLeft = kill.orphans().stream().filter(ProcessHandle::isAlive).count();
            List<Workload.Event> accepted = kill.published().accepted();
            long missing = workload.awaitDelivered(accepted, receiver, Duration.ofMinutes(3));
            Duration recovery = Duration.ofNanos(System.nanoTime() - kill.at());
            Thread.sleep(2_000); // late repeats, if any, still count
            service.stop(Duration.ofMinutes(1));
            report(kill, receiver, missing, orphansLeft, restart, recovery);

            assertThat(accepted.size()).as("events accepted before the kill").isEqualTo(EVENTS);
            assertThat(kill.arrived()).as("killed while delivering: some arrived, many not").isPositive()
                    .isLessThan((int) (kill.expected() * 0.8));
            assertThat(kill.orphans()).as("the killed service's database server lives on").isNotEmpty();
            assertThat(orphansLeft).as("orphans the restarted service did not stop").isZero();
            assertThat(missing).as("accepted deliveries that never arrived").isZero();
            assertThat(receiver.badlySigned()).as("deliveries to signed webhooks without a valid signature").isZero();
            assertThat(service.survivors()).as("processes left running after a clean stop").isEmpty();
        }
        ScratchDirectory.delete(directory.resolve("data"));
    }

    @Test
    void everyAcceptedEventArrivesAfterAKillInTheMiddleOfPublishing() throws Exception {
        Path data = directory.resolve("data-mid-publish");
        try (CountingReceiver receiver = new CountingReceiver();
             ServiceProcess service = service(data)) {
            service.start(directory.resolve("mid-publish-1.log"), START_TIMEOUT);
            ServiceCalls calls = new ServiceCalls(service.baseUrl(), JWT_SECRET);
            workload.createWebhooks(calls, receiver);
            ExecutorService publishing = Executors.newSingleThreadExecutor();
            Future<ConcurrentPublisher.Result> published = publishing.submit(() ->
                    ConcurrentPublisher.publish(calls, workload.events(4 * EVENTS, "mid-publish-"), 32));
            awaitArrivals(receiver, 500, Duration.ofSeconds(30)); // publishing well under way, far from done
            service.kill();
            ConcurrentPublisher.Result result = published.get();
            publishing.shutdown();

            service.start(directory.resolve("mid-publish-2.log"), START_TIMEOUT);
            long missing = workload.awaitDelivered(result.accepted(), receiver, Duration.ofMinutes(3));
            service.stop(Duration.ofMinutes(1));
            new Figures("crash-mid-publish")
                    .put("publish answers (status=requests)", result.statuses())
                    .put("events accepted (202) before the kill", result.accepted().size())
                    .put("accepted deliveries that never arrived", missing)
                    .report();

            assertThat(result.accepted()).as("events accepted before the kill").isNotEmpty();
            assertThat(result.statuses()).as("publishes the kill cut off").containsKey(ServiceCalls.NO_ANSWER);
            assertThat(missing).as("accepted deliveries that never arrived").isZero();
        }
        ScratchDirectory.delete(data);
    }

    private static void awaitArrivals(CountingReceiver receiver, int arrivals, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver.received() < arrivals && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Starts the service, publishes to a slow receiver and kills the service (SIGKILL) as soon as all is published. */
    private Kill publishAndKill(ServiceProcess service, CountingReceiver receiver) throws Exception {
        service.start(directory.resolve("run-1.log"), START_TIMEOUT);
        ServiceCalls calls = new ServiceCalls(service.baseUrl(), JWT_SECRET);
        workload.createWebhooks(calls, receiver);
        receiver.delay(Duration.ofMillis(200)); // the kill should find most deliveries still to do, some in flight
        long publishingFrom = System.nanoTime();
        ConcurrentPublisher.Result published = ConcurrentPublisher.publish(calls, workload.events(EVENTS, "crash-"), 6);
        Duration publishing = Duration.ofNanos(System.nanoTime() - publishingFrom);

        long killedAt = System.nanoTime();
        service.kill();
        int arrived = receiver.received();
        receiver.delay(Duration.ZERO);
        return new Kill(published, publishing, workload.deliveriesFor(published.accepted()), arrived, service.survivors(),
                killedAt);
    }

    private static void report(Kill kill, CountingReceiver receiver, long missing, long orphansLeft, Duration restart,
                               Duration recovery) throws IOException {
        new Figures("crash")
                .put("events published", EVENTS)
                .put("publish answers (status=requests)", kill.published().statuses())
                .put("events accepted (202)", kill.published().accepted().size())
                .put("publishing took", kill.publishing())
                .put("deliveries expected", kill.expected())
                .put("delivered before the kill", kill.arrived())
                .put("delivered (expected deliveries that arrived)", kill.expected() - missing)
                .put("requests received in total", receiver.received())
                .put("duplicates (a delivery received again)", receiver.duplicates())
                .put("processes orphaned by the kill (the database server)", kill.orphans().size())
                .put("of those still running after the restart", orphansLeft)
                .put("restart (start until answering)", restart)
                .put("time to recover (kill until every expected delivery arrived)", recovery)
                .report();
    }

    private static ServiceProcess service(Path data) {
        return ServiceProcess.packaged(ServiceProcess.deliveringLocally(JWT_SECRET, "databaseSettings.dataDirectory=" + data));
    }
}
