package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhooks.adapters.persistence.EmbeddedMariaDb;
import dev.webhooks.bootstrap.SteadyLoad.Call;
import dev.webhooks.bootstrap.SteadyLoad.Phase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for 20 s under steady load and comes back on the same port. Meanwhile the API answers
 * successes for what it stored or 503 with the error envelope, never a 500, and the health check says unhealthy;
 * afterwards the service recovers by itself, and every event that got a 202 (before, during, after) is delivered.
 */
class DatabaseOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    /** After recovering, the service may take this long to replace every pooled connection; then all must succeed. */
    private static final Duration SETTLING = Duration.ofSeconds(5);

    private final Path directory = ScratchDirectory.create("outage-");
    private final Path data = directory.resolve("data");
    private final Path base = Path.of("target", "test-mariadb-base").toAbsolutePath();
    private final Workload workload = new Workload("outage-", 2, 777L);
    private EmbeddedMariaDb database;
    private DropwizardTestSupport<WebhooksConfiguration> app;
    private ServiceCalls calls;
    private String admin;

    @BeforeEach
    void startTheServiceOnItsOwnDatabase() throws Exception {
        database = EmbeddedMariaDb.start(data, base);
        app = new DropwizardTestSupport<>(WebhooksApplication.class, TestApp.CONFIG, TestApp.overridesOn(
                database.jdbcUrl(), database.user(), database.password(), ConfigOverride.config("delivery.pollInterval", "100ms")));
        app.before();
        calls = new ServiceCalls("http://127.0.0.1:" + app.getLocalPort(), app.getConfiguration().getAuth().getHmacSecret());
        admin = "http://127.0.0.1:" + app.getAdminPort();
    }

    @AfterEach
    void stopEverything() {
        if (app != null) {
            app.after();
            app = null;
        }
        if (database != null) {
            database.stop();
            database = null;
        }
    }

    @Test
    void theServiceRidesOutADatabaseOutage() throws Exception {
        try (CountingReceiver receiver = new CountingReceiver()) {
            List<String> ids = workload.createWebhooks(calls, receiver);
            SteadyLoad load = new SteadyLoad(calls, workload, workload.hooks().get(0).tenant(), ids.get(0));
            Timeline timeline = outagesUnder(load);
            List<Workload.Event> accepted = load.accepted();
            long missing = workload.awaitDelivered(accepted, receiver, Duration.ofMinutes(2));
            long unrecorded = awaitRecorded(Duration.ofSeconds(30));
            report(load.calls(), timeline, workload.deliveriesFor(accepted), missing, receiver);

            assertThat(unexpectedAnswers(load.calls())).as("answers other than a success or a 503 with the error envelope").isEmpty();
            assertThat(count(load.calls(), Phase.OUTAGE, 503)).as("503s during the outage").isPositive();
            assertThat(timeline.unhealthyAfter()).as("the database health check failed during the outage").isNotNull();
            assertThat(timeline.recoveredAfter()).as("a 202 again after the database came back").isNotNull();
            assertThat(timeline.healthyAfter()).as("the database health check passed again").isNotNull();
            assertThat(failuresAfterSettling(load.calls(), timeline)).as("failures once the service had recovered").isEmpty();
            assertThat(failures(load.calls(), Phase.AFTER_QUIET_RESTART)).as("failures after a restart while idle").isEmpty();
            assertThat(missing).as("accepted deliveries that never arrived").isZero();
            assertThat(unrecorded).as("deliveries sent but not recorded as succeeded (they would be sent again)").isZero();
        }
        stopEverything();
        ScratchDirectory.delete(directory);
    }

    /** The 20 s outage, then a quick restart while the service is idle, all under the load (paused for the latter). */
    private Timeline outagesUnder(SteadyLoad load) throws InterruptedException {
        load.start();
        try {
            Timeline timeline = outage(load, admin + "/healthcheck");
            quietRestart(load);
            return timeline;
        } finally {
            load.close();
        }
    }

    /** When the database came back (nanoTime), and how long things took after its stop and restart (null: never). */
    private record Timeline(long restartedAt, Duration databaseRestart, Duration unhealthyAfter,
                            Duration recoveredAfter, Duration healthyAfter) {
    }

    private Timeline outage(SteadyLoad load, String health) throws InterruptedException {
        Thread.sleep(8_000);
        int port = database.port();
        load.phase(Phase.OUTAGE);
        database.stop();
        long stoppedAt = System.nanoTime();
        Duration unhealthyAfter = awaitHealth(calls, health, false, stoppedAt, OUTAGE);
        Thread.sleep(Math.max(0, Duration.ofNanos(stoppedAt + OUTAGE.toNanos() - System.nanoTime()).toMillis()));
        database = EmbeddedMariaDb.start(data, base, port);
        long restartedAt = System.nanoTime();
        load.phase(Phase.AFTER);
        Duration recoveredAfter = awaitAccepted(load, restartedAt);
        Duration healthyAfter = awaitHealth(calls, health, true, restartedAt, RECOVERY_LIMIT);
        Thread.sleep(SETTLING.plusSeconds(5).toMillis());
        return new Timeline(restartedAt, Duration.ofNanos(restartedAt - stoppedAt).minus(OUTAGE), unhealthyAfter,
                recoveredAfter, healthyAfter);
    }

    /**
     * The database restarts while the service is idle (no requests, delivery paused): its pooled connections are all
     * dead, yet the first requests afterwards must succeed.
     */
    private void quietRestart(SteadyLoad load) throws InterruptedException {
        load.pause();
        assertThat(calls.postUrl(admin + "/tasks/pause-delivery").status()).isEqualTo(200);
        int port = database.port();
        database.stop();
        database = EmbeddedMariaDb.start(data, base, port);
        load.phase(Phase.AFTER_QUIET_RESTART);
        load.resume();
        Thread.sleep(3_000);
        assertThat(calls.postUrl(admin + "/tasks/resume-delivery").status()).isEqualTo(200);
    }

    /** Waits until every delivery is recorded as succeeded; returns how many are not. */
    private long awaitRecorded(Duration timeout) throws InterruptedException {
        Jdbi jdbi = Jdbi.create(database.jdbcUrl(), database.user(), database.password());
        long deadline = System.nanoTime() + timeout.toNanos();
        long unrecorded;
        do {
            Thread.sleep(250);
            unrecorded = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries WHERE state <> 'SUCCEEDED'")
                    .mapTo(Long.class).one());
        } while (unrecorded > 0 && System.nanoTime() < deadline);
        return unrecorded;
    }

    /** How long after {@code since} the database health check had the wanted state; null if not within the limit. */
    private static Duration awaitHealth(ServiceCalls calls, String url, boolean healthy, long since, Duration limit)
            throws InterruptedException {
        while (System.nanoTime() - since < limit.toNanos()) {
            ServiceCalls.Answer answer = calls.getUrl(url);
            if (answer.status() > 0 && answer.json().path("database").path("healthy").asBoolean() == healthy) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** How long after the restart the first publish made after it was accepted; null if not within the limit. */
    private static Duration awaitAccepted(SteadyLoad load, long restartedAt) throws InterruptedException {
        while (System.nanoTime() - restartedAt < RECOVERY_LIMIT.toNanos()) {
            Long acceptedAt = load.calls().stream().filter(call -> call.isPublish() && call.sentAt() >= restartedAt
                    && call.answer().status() == 202).map(Call::sentAt).findFirst().orElse(null);
            if (acceptedAt != null) {
                return Duration.ofNanos(acceptedAt - restartedAt);
            }
            Thread.sleep(100);
        }
        return null;
    }

    private static List<String> unexpectedAnswers(List<Call> calls) {
        return calls.stream().filter(call -> !isSuccess(call) && !isUnavailableWithEnvelope(call))
                .map(call -> call.phase() + " " + call.what() + " -> " + call.answer().status() + " " + call.answer().body())
                .limit(20).toList();
    }

    private static boolean isSuccess(Call call) {
        return call.answer().status() >= 200 && call.answer().status() < 300;
    }

    private static boolean isUnavailableWithEnvelope(Call call) {
        if (call.answer().status() != 503) {
            return false;
        }
        JsonNode body = call.answer().json();
        JsonNode error = body.path("errors").path(0);
        return body.path("traceId").isTextual() && body.path("errors").size() == 1
                && error.path("code").isTextual() && error.path("title").isTextual() && error.path("detail").isTextual();
    }

    private static List<String> failuresAfterSettling(List<Call> calls, Timeline timeline) {
        long settledAt = timeline.restartedAt() + timeline.recoveredAfter().plus(SETTLING).toNanos();
        return calls.stream().filter(call -> call.phase() == Phase.AFTER && call.sentAt() > settledAt && !isSuccess(call))
                .map(call -> call.what() + " -> " + call.answer().status()).limit(20).toList();
    }

    private static List<String> failures(List<Call> calls, Phase phase) {
        return calls.stream().filter(call -> call.phase() == phase && !isSuccess(call))
                .map(call -> call.what() + " -> " + call.answer().status()).limit(20).toList();
    }

    private static long count(List<Call> calls, Phase phase, int status) {
        return calls.stream().filter(call -> call.phase() == phase && call.answer().status() == status).count();
    }

    private static void report(List<Call> calls, Timeline timeline, long expected, long missing, CountingReceiver receiver)
            throws java.io.IOException {
        Map<Phase, Map<Integer, Long>> statuses = new TreeMap<>(calls.stream().collect(Collectors.groupingBy(Call::phase,
                Collectors.groupingBy(call -> call.answer().status(), TreeMap::new, Collectors.counting()))));
        new Figures("database-outage")
                .put("outage (database stopped)", OUTAGE)
                .put("database restart took (on top of the outage)", timeline.databaseRestart())
                .put("answers per phase (status=count)", statuses)
                .put("requests during the outage", calls.stream().filter(call -> call.phase() == Phase.OUTAGE).count())
                .put("503s during the outage", count(calls, Phase.OUTAGE, 503))
                .put("202s during the outage", count(calls, Phase.OUTAGE, 202))
                .put("health check unhealthy after the stop", timeline.unhealthyAfter())
                .put("recovery (database back until the first 202)", timeline.recoveredAfter())
                .put("health check healthy after the restart", timeline.healthyAfter())
                .put("deliveries expected (events answered 202)", expected)
                .put("events delivered (expected deliveries that arrived)", expected - missing)
                .put("duplicates (a delivery received again)", receiver.duplicates())
                .report();
    }
}
