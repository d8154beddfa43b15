package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.adapters.persistence.EmbeddedMariaDb;
import dev.webhooks.bootstrap.SteadyLoad.Call;
import dev.webhooks.bootstrap.SteadyLoad.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database hangs for 20 s under load: a proxy between the packaged service and its database stops moving bytes
 * while every connection stays open. Requests must answer 503 with the error envelope within seconds instead of
 * hanging, never 500; afterwards the service recovers by itself, every event that got a 202 is delivered, and the log
 * has one line when the outage starts and one when it ends instead of one per request.
 */
class DatabaseHangIT {
    private static final Duration STALL = Duration.ofSeconds(20);
    /**
     * The longest a request may take to fail while the database hangs. The defaults give about 7 s (a 2 s wait for a
     * pooled connection or a 2 s connection check, then a new connection's login that waits out the 5 s socket timeout);
     * 10 s leaves room for a loaded 2-core machine and is still half the stall.
     */
    private static final Duration PROMPT = Duration.ofSeconds(10);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(15);
    /** After recovering, requests in flight at the end of the stall are done; from then on every request must succeed. */
    private static final Duration SETTLING = Duration.ofSeconds(5);
    private static final String JWT_SECRET = "database-hang-jwt-secret-" + UUID.randomUUID();
    private static final String OUTAGE_STARTED = "DatabaseOutage: database unavailable: ";
    private static final String OUTAGE_ENDED = "DatabaseOutage: database available again after ";

    private final Path directory = ScratchDirectory.create("hang-");
    private final Workload workload = new Workload("hang-", 2, 4242L);
    private EmbeddedMariaDb database;
    private StallingProxy proxy;

    /** When the stall ended (nanoTime), and how long things took after its start and its end (null: never). */
    private record Timeline(long resumedAt, Duration unhealthyAfter, Duration acceptedAgainAfter, Duration deliveringAgainAfter) {
    }

    @AfterEach
    void stopTheDatabase() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (database != null) {
            database.stop();
            database = null;
        }
    }

    @Test
    void aHangingDatabaseIsAnsweredPromptlyWith503sAndLosesNothing() throws Exception {
        database = EmbeddedMariaDb.start(directory.resolve("data"), Path.of("target", "test-mariadb-base").toAbsolutePath());
        proxy = new StallingProxy(database.port());
        Path log = directory.resolve("service.log");
        try (CountingReceiver receiver = new CountingReceiver();
             ServiceProcess service = ServiceProcess.packaged(overrides())) {
            service.start(log, Duration.ofMinutes(3));
            ServiceCalls calls = new ServiceCalls(service.baseUrl(), JWT_SECRET);
            List<String> ids = workload.createWebhooks(calls, receiver);
            SteadyLoad load = new SteadyLoad(calls, workload, workload.hooks().get(0).tenant(), ids.get(0));
            Timeline timeline = stallUnder(load, calls, receiver, service.adminUrl() + "/healthcheck");
            List<Workload.Event> accepted = load.accepted();
            long missing = workload.awaitDelivered(accepted, receiver, Duration.ofMinutes(2));
            service.stop(Duration.ofMinutes(1));
            List<String> lines = Files.readAllLines(log);
            List<Call> made = load.calls();
            report(made, timeline, workload.deliveriesFor(accepted), missing, receiver, lines);

            assertThat(answers(made, 500)).as("500s at any time").isZero();
            assertThat(unexpected(made)).as("answers other than a success or a 503 with the envelope and Retry-After").isEmpty();
            assertThat(unavailable(made, Phase.OUTAGE)).as("503s during the stall").hasSizeGreaterThan(10);
            assertThat(slowest(made)).as("the slowest answer, the stall included").isLessThan(PROMPT);
            assertThat(succeededWhileStalled(made, timeline)).as("successes answered while the database hung").isEmpty();
            assertThat(timeline.acceptedAgainAfter()).as("a 202 again after the stall, without a restart").isNotNull();
            assertThat(timeline.deliveringAgainAfter()).as("deliveries again after the stall").isNotNull();
            assertThat(failuresAfterSettling(made, timeline)).as("failures once the service had recovered").isEmpty();
            assertThat(missing).as("accepted deliveries that never arrived").isZero();
            assertThat(count(lines, OUTAGE_STARTED)).as("outage start lines in the log").isEqualTo(1);
            assertThat(count(lines, OUTAGE_ENDED)).as("outage end lines in the log").isEqualTo(1);
            assertThat(lines.stream().filter(line -> line.contains(OUTAGE_ENDED)).findFirst().orElseThrow())
                    .as("the end line counts every 503").contains("; " + answers(made, 503) + " API requests answered 503");
            assertThat(count(lines, "unexpected failure")).as("requests logged as unexpected failures").isZero();
        }
        stopTheDatabase();
        ScratchDirectory.delete(directory);
    }

    /** Load before, during and after a 20 s stall; returns when the load is stopped. */
    private Timeline stallUnder(SteadyLoad load, ServiceCalls calls, CountingReceiver receiver, String health)
            throws InterruptedException {
        load.start(3, 6);
        try {
            Thread.sleep(8_000);
            proxy.stall();
            long stalledAt = System.nanoTime();
            load.phase(Phase.OUTAGE);
            Duration unhealthyAfter = awaitUnhealthy(calls, health, stalledAt);
            Thread.sleep(Math.max(0, Duration.ofNanos(stalledAt + STALL.toNanos() - System.nanoTime()).toMillis()));
            int receivedAtResume = receiver.received();
            proxy.resume();
            long resumedAt = System.nanoTime();
            load.phase(Phase.AFTER);
            Duration acceptedAgain = awaitAccepted(load, resumedAt);
            Duration deliveringAgain = awaitDelivering(receiver, receivedAtResume, resumedAt);
            Thread.sleep(SETTLING.plusSeconds(8).toMillis());
            return new Timeline(resumedAt, unhealthyAfter, acceptedAgain, deliveringAgain);
        } finally {
            load.close();
        }
    }

    private static Duration awaitUnhealthy(ServiceCalls calls, String url, long since) throws InterruptedException {
        while (System.nanoTime() - since < STALL.toNanos()) {
            ServiceCalls.Answer answer = calls.getUrl(url);
            if (answer.status() > 0 && !answer.json().path("database").path("healthy").asBoolean(true)) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** How long after the stall the first publish made after it was accepted; null if not within the limit. */
    private static Duration awaitAccepted(SteadyLoad load, long resumedAt) throws InterruptedException {
        while (System.nanoTime() - resumedAt < RECOVERY_LIMIT.toNanos()) {
            Long acceptedAt = load.calls().stream().filter(call -> call.isPublish() && call.sentAt() >= resumedAt
                    && call.answer().status() == 202).map(call -> call.sentAt() + call.took().toNanos()).min(Long::compare)
                    .orElse(null);
            if (acceptedAt != null) {
                return Duration.ofNanos(acceptedAt - resumedAt);
            }
            Thread.sleep(100);
        }
        return null;
    }

    private static Duration awaitDelivering(CountingReceiver receiver, int receivedAtResume, long resumedAt)
            throws InterruptedException {
        while (System.nanoTime() - resumedAt < RECOVERY_LIMIT.toNanos()) {
            if (receiver.received() > receivedAtResume) {
                return Duration.ofNanos(System.nanoTime() - resumedAt);
            }
            Thread.sleep(50);
        }
        return null;
    }

    private static List<String> unexpected(List<Call> calls) {
        return calls.stream().filter(call -> !call.isSuccess()
                        && !(call.isUnavailableWithEnvelope() && call.answer().retryAfter() != null))
                .map(call -> call.phase() + " " + call.what() + " -> " + call.answer().status() + " " + call.answer().body())
                .limit(20).toList();
    }

    private static List<Call> unavailable(List<Call> calls, Phase phase) {
        return calls.stream().filter(call -> call.phase() == phase && call.answer().status() == 503).toList();
    }

    private static Duration slowest(List<Call> calls) {
        return calls.stream().map(Call::took).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    private static Duration percentile(List<Call> calls, double fraction) {
        List<Duration> sorted = calls.stream().map(Call::took).sorted().toList();
        return sorted.isEmpty() ? Duration.ZERO : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * fraction)));
    }

    /** Requests made during the stall can succeed only once it is over (those still waiting for the database then). */
    private static List<String> succeededWhileStalled(List<Call> calls, Timeline timeline) {
        return calls.stream().filter(call -> call.phase() == Phase.OUTAGE && call.isSuccess()
                        && call.sentAt() + call.took().toNanos() < timeline.resumedAt())
                .map(call -> call.what() + " -> " + call.answer().status()).limit(20).toList();
    }

    private static List<String> failuresAfterSettling(List<Call> calls, Timeline timeline) {
        long settledAt = timeline.resumedAt() + timeline.acceptedAgainAfter().plus(SETTLING).toNanos();
        return calls.stream().filter(call -> call.phase() == Phase.AFTER && call.sentAt() > settledAt && !call.isSuccess())
                .map(call -> call.what() + " -> " + call.answer().status()).limit(20).toList();
    }

    private static long answers(List<Call> calls, int status) {
        return calls.stream().filter(call -> call.answer().status() == status).count();
    }

    private static long count(List<String> lines, String fragment) {
        return lines.stream().filter(line -> line.contains(fragment)).count();
    }

    private void report(List<Call> calls, Timeline timeline, long expected, long missing, CountingReceiver receiver,
                        List<String> lines) throws IOException {
        Map<Phase, Map<Integer, Long>> statuses = new TreeMap<>(calls.stream().collect(Collectors.groupingBy(Call::phase,
                Collectors.groupingBy(call -> call.answer().status(), TreeMap::new, Collectors.counting()))));
        List<Call> unavailable = unavailable(calls, Phase.OUTAGE);
        new Figures("database-hang")
                .put("stall (no bytes either way, connections open)", STALL)
                .put("answers per phase (status=count)", statuses)
                .put("requests during the stall", calls.stream().filter(call -> call.phase() == Phase.OUTAGE).count())
                .put("503s during the stall", unavailable.size())
                .put("requests of the stall that succeeded (still waiting for the database when it ended)",
                        calls.stream().filter(call -> call.phase() == Phase.OUTAGE && call.isSuccess()).count())
                .put("503 latency during the stall, median", percentile(unavailable, 0.5))
                .put("503 latency during the stall, p99", percentile(unavailable, 0.99))
                .put("slowest answer at any time (limit " + PROMPT.toSeconds() + " s)", slowest(calls))
                .put("500s at any time", answers(calls, 500))
                .put("health check unhealthy after the stall began", timeline.unhealthyAfter())
                .put("stall end until the first 202", timeline.acceptedAgainAfter())
                .put("stall end until the first delivery arrived", timeline.deliveringAgainAfter())
                .put("database connections opened through the proxy", proxy.connections())
                .put("deliveries expected (events answered 202)", expected)
                .put("events delivered (expected deliveries that arrived)", expected - missing)
                .put("duplicates (a delivery received again)", receiver.duplicates())
                .put("outage lines: start / end", count(lines, OUTAGE_STARTED) + " / " + count(lines, OUTAGE_ENDED))
                .put("the outage lines", lines.stream().filter(line -> line.contains("DatabaseOutage:")).toList())
                .put("other WARN and ERROR lines", otherWarnings(lines).size())
                .put("of those, by logger", otherWarnings(lines).stream().collect(Collectors.groupingBy(
                        DatabaseHangIT::logger, TreeMap::new, Collectors.counting())))
                .report();
        otherWarnings(lines).stream().limit(20).forEach(line -> System.out.println("  " + line));
    }

    private static List<String> otherWarnings(List<String> lines) {
        return lines.stream().filter(line -> (line.startsWith("WARN") || line.startsWith("ERROR"))
                && !line.contains("DatabaseOutage:")).toList();
    }

    /** The logger of a line in config.yml's format, {@code LEVEL [time] Logger: message}. */
    private static String logger(String line) {
        int end = line.indexOf(": ", line.indexOf(']'));
        return end < 0 ? line : line.substring(line.indexOf(']') + 2, end);
    }

    private List<String> overrides() {
        return ServiceProcess.deliveringLocally(JWT_SECRET,
                "database.url=jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + EmbeddedMariaDb.DATABASE
                        + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8",
                "database.user=" + database.user(),
                "database.password=" + database.password(),
                // fewer connections than concurrent requests, so that some wait for one and are refused after the wait
                "database.maxSize=8",
                "database.minSize=4",
                "database.initialSize=4");
    }

}
