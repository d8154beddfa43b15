package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * At least 10,000 generated and mutated requests across every endpoint (see {@link BadRequests}), from a printed seed
 * ({@code -Dbadinput.seed=...} replays a run, {@code -Dbadinput.requests=...} changes the count). No answer may be a
 * 5xx, none may hang, and every 4xx is the error envelope: also the ones Jetty gives before a request reaches the
 * application (400 for an unparseable request line, header or framing, 414/431 over the 8 KiB header limit, 417 for
 * an unknown Expect, 426 for an HTTP/2 preface), which {@code EnvelopeErrorHandler} renders. Answers to HEAD have no
 * body, so only their status counts. The only requests allowed no answer at all are protocol garbage Jetty drops the
 * connection on, and bodies over the limit whose rest Jetty stops reading after answering 413.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputIT {
    static final long MAX_REQUEST_BYTES = 262_144;
    static final Receiver RECEIVER = new Receiver();
    // A smaller body limit than the shipped 1 MiB keeps the oversized bodies cheap; the mechanism is the same.
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("maxRequestBytes", Long.toString(MAX_REQUEST_BYTES)),
            ConfigOverride.config("delivery.attemptTimeout", "3s"),
            ConfigOverride.config("delivery.connectTimeout", "1s"),
            ConfigOverride.config("delivery.pollInterval", "100ms"));
    static final int REQUESTS = Integer.getInteger("badinput.requests", 10_000);
    static final int CONCURRENCY = 6;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant = "badinput-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    /** Everything the run saw, for the assertions and the report. */
    private final Map<String, AtomicInteger> perEndpoint = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, AtomicInteger>> statusesPerEndpoint = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> noAnswer = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger hung = new AtomicInteger();
    private final Map<FuzzClient.Route, AtomicInteger> routes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Slow> answerTimes = new ConcurrentLinkedQueue<>();

    /** How long one request took to answer. */
    private record Slow(long millis, String request) {
    }

    @AfterAll
    static void release() {
        RECEIVER.close();
        TestApp.forgetTenants("badinput-");
    }

    @Test
    void noBadInputGetsA5xxOrHangsAndEveryApiErrorIsAnEnvelope() throws Exception {
        long seed = Long.getLong("badinput.seed", new Random().nextLong());
        System.out.println("BadInputIT seed: " + seed + " (replay with -Dbadinput.seed=" + seed + ")");
        BadRequests.Known known = setUp();
        long started = System.nanoTime();

        run(seed, known);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        report(seed, took);
        assertThat(serverErrors.get()).as("5xx answers; first violations:\n" + firstViolations()).isZero();
        assertThat(hung.get()).as("requests without an answer within " + TIMEOUT + "; first violations:\n" + firstViolations()).isZero();
        assertThat(violations.size()).as("answers breaking the contract:\n" + firstViolations()).isZero();
        assertStillHealthy();
    }

    private void run(long seed, BadRequests.Known known) throws InterruptedException {
        Random master = new Random(seed);
        FuzzClient client = new FuzzClient("127.0.0.1", APP.getLocalPort(), TIMEOUT);
        ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
        for (int i = 0; i < REQUESTS; i++) {
            int index = i;
            long requestSeed = master.nextLong();
            workers.execute(() -> {
                BadRequests.Request request = new BadRequests(known, new FuzzValues(new Random(requestSeed)), MAX_REQUEST_BYTES).next();
                long sent = System.nanoTime();
                FuzzClient.Outcome outcome = client.send(request);
                long millis = (System.nanoTime() - sent) / 1_000_000;
                if (millis > 1000) {
                    answerTimes.add(new Slow(millis, request.describe()));
                }
                judge(index, requestSeed, request, outcome);
            });
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(5, TimeUnit.MINUTES)).as("the run finished").isTrue();
    }

    private void judge(int index, long requestSeed, BadRequests.Request request, FuzzClient.Outcome outcome) {
        perEndpoint.computeIfAbsent(request.endpoint(), e -> new AtomicInteger()).incrementAndGet();
        statusesPerEndpoint.computeIfAbsent(request.endpoint(), e -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome.status(), s -> new AtomicInteger()).incrementAndGet();
        routes.computeIfAbsent(outcome.route(), r -> new AtomicInteger()).incrementAndGet();
        String problem = problemWith(request, outcome);
        if (problem != null) {
            violations.add("#" + index + " (request seed " + requestSeed + ") " + problem + "\n  request: " + request.describe()
                    + "\n  answer: " + outcome.status() + " " + outcome.contentType() + " " + abbreviate(outcome.bodyText())
                    + (outcome.failure() == null ? "" : " / " + outcome.failure()));
        }
    }

    /** Why this answer breaks the contract, or null when it is fine. */
    private String problemWith(BadRequests.Request request, FuzzClient.Outcome outcome) {
        if (outcome.hung()) {
            hung.incrementAndGet();
            return "HUNG";
        }
        if (outcome.status() >= 500) {
            serverErrors.incrementAndGet();
            return "5xx";
        }
        if (outcome.status() <= 0) {
            return noAnswerIsAcceptable(request, outcome) ? null : "no HTTP answer";
        }
        if (outcome.status() < 400) {
            return null;
        }
        if ("HEAD".equals(request.method())) {
            return null;
        }
        return isJson(outcome) && hasEnvelope(outcome.body()) ? null : "an error without the envelope";
    }

    /**
     * Jetty may close without answering a request it cannot parse at all, or one whose body it stops reading after
     * answering 413; any other request must get an answer.
     */
    private boolean noAnswerIsAcceptable(BadRequests.Request request, FuzzClient.Outcome outcome) {
        boolean oversized = request.body() != null && request.body().length > MAX_REQUEST_BYTES;
        boolean notHttp = outcome.route() == FuzzClient.Route.RAW || outcome.route() == FuzzClient.Route.CLIENT_REFUSED;
        if (notHttp || oversized) {
            noAnswer.computeIfAbsent(request.endpoint() + ": " + outcome.failure(), k -> new AtomicInteger()).incrementAndGet();
            return true;
        }
        return false;
    }

    private static boolean isJson(FuzzClient.Outcome outcome) {
        return outcome.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    static boolean hasEnvelope(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode errors = root.get("errors");
            if (errors == null || !errors.isArray() || errors.isEmpty() || !root.path("traceId").isTextual()) {
                return false;
            }
            for (JsonNode error : errors) {
                if (!error.path("code").isTextual() || !error.path("title").isTextual() || !error.path("detail").isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException notJson) {
            return false;
        }
    }

    // ---- setup: real webhooks, deliveries and cursors for the requests to aim at

    private BadRequests.Known setUp() throws Exception {
        DevTokenIssuer issuer = new DevTokenIssuer(APP.getConfiguration().getAuth().toJwtSettings());
        String userToken = issuer.issue(tenant, "alice", List.of(), Duration.ofMinutes(30));
        String publisherToken = issuer.issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(30));
        String otherTenantToken = issuer.issue("badinput-other-" + UUID.randomUUID(), "admin", List.of("TenantAdmin"), Duration.ofMinutes(30));
        String adminToken = issuer.issue(tenant, "admin", List.of("TenantAdmin"), Duration.ofMinutes(30));
        List<String> eventTypes = admin.get("/api/v1/webhooks/event-types").data().stream().map(t -> (String) t.get("name")).toList();

        String delivering = create("delivering", "/delivering", true);
        String victim = create("victim", "/victim", false);
        String disposable = create("disposable", "/disposable", false);
        for (int i = 0; i < 3; i++) {
            publish(publisherToken, "{\"specversion\":\"1.0\",\"id\":\"setup-" + i + "\",\"source\":\"fuzz\",\"type\":"
                    + "\"com.qlik.v1.app.created\",\"tenantid\":\"" + tenant + "\"}");
        }
        List<String> deliveryCursors = awaitDeliveryCursors(delivering);
        String deliveryId = (String) admin.get("/api/v1/webhooks/" + delivering + "/deliveries").data().get(0).get("id");
        List<String> webhookCursors = new ArrayList<>();
        for (String sort : List.of("name", "-name", "+url", "-createdAt", "+createdAt", "-updatedAt")) {
            webhookCursors.add(cursorOf(admin.get("/api/v1/webhooks?limit=1&sort=" + sort).link("next")));
        }
        return new BadRequests.Known(tenant, adminToken, userToken, publisherToken, otherTenantToken, delivering, victim,
                disposable, deliveryId, webhookCursors, deliveryCursors, eventTypes, RECEIVER.url("").replaceAll("/$", ""));
    }

    private String create(String name, String path, boolean enabled) {
        ApiClient.Answer answer = admin.post("/api/v1/webhooks", Map.of("name", name, "url", RECEIVER.url(path), "enabled", enabled,
                "eventTypes", List.of("com.qlik.v1.app.created")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.json().get("id");
    }

    private void publish(String token, String event) {
        try (Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/events").request()
                .header("Authorization", "Bearer " + token).post(Entity.entity(event, "application/cloudevents+json"))) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
    }

    private List<String> awaitDeliveryCursors(String webhookId) throws InterruptedException {
        List<String> cursors = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && cursors.isEmpty()) {
            for (String sort : List.of("-triggeredAt", "+status")) {
                String next = admin.get("/api/v1/webhooks/" + webhookId + "/deliveries?limit=1&sort=" + BadRequests.encode(sort)).link("next");
                if (next != null) {
                    cursors.add(cursorOf(next));
                }
            }
            Thread.sleep(100);
        }
        assertThat(cursors).as("the setup deliveries were recorded").isNotEmpty();
        return cursors;
    }

    private static String cursorOf(String link) {
        String query = URI.create(link).getRawQuery();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("next=")) {
                return parameter.substring(5);
            }
        }
        throw new AssertionError("no cursor in " + link);
    }

    // ---- afterwards

    /** Health checks pass, the API works, and deliveries still flow (a result that cannot be recorded would stop them). */
    private void assertStillHealthy() throws InterruptedException {
        try (Response health = APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck").request().get()) {
            assertThat(health.getStatus()).as(health.readEntity(String.class)).isEqualTo(200);
        }
        String id = create("after the storm", "/after", true);
        ApiClient.Answer fetched = admin.get("/api/v1/webhooks/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).containsEntry("name", "after the storm");
        String publisherToken = new DevTokenIssuer(APP.getConfiguration().getAuth().toJwtSettings())
                .issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(10));
        publish(publisherToken, "{\"specversion\":\"1.0\",\"id\":\"after\",\"source\":\"fuzz\",\"type\":"
                + "\"com.qlik.v1.app.created\",\"tenantid\":\"" + tenant + "\"}");
        RECEIVER.next("/after", Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"succeeded".equals(firstDeliveryState(id)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(firstDeliveryState(id)).as("the delivery after the run was recorded").isEqualTo("succeeded");
    }

    private String firstDeliveryState(String webhookId) {
        List<Map<String, Object>> deliveries = admin.get("/api/v1/webhooks/" + webhookId + "/deliveries").data();
        return deliveries.isEmpty() ? "none" : (String) deliveries.get(0).get("state");
    }

    private void report(long seed, Duration took) {
        StringBuilder text = new StringBuilder();
        text.append("seed: ").append(seed).append('\n');
        text.append("requests: ").append(perEndpoint.values().stream().mapToInt(AtomicInteger::get).sum())
                .append(" in ").append(took.toMillis()).append(" ms, concurrency ").append(CONCURRENCY)
                .append(", per-request timeout ").append(TIMEOUT.toSeconds()).append(" s\n");
        text.append("sent by route: ").append(new TreeMap<>(routes)).append('\n');
        text.append("5xx: ").append(serverErrors.get()).append('\n');
        text.append("hung (no answer within the timeout): ").append(hung.get()).append('\n');
        text.append("answers slower than 1 s: ").append(answerTimes.size()).append('\n');
        text.append("contract violations: ").append(violations.size()).append('\n');
        Map<Integer, Integer> histogram = new TreeMap<>();
        statusesPerEndpoint.values().forEach(statuses -> statuses.forEach((status, n) -> histogram.merge(status, n.get(), Integer::sum)));
        text.append("\nstatus histogram (0 = connection closed without an answer):\n");
        histogram.forEach((status, n) -> text.append(String.format("  %3d %6d%n", status, n)));
        text.append("\nper endpoint (requests: statuses):\n");
        new TreeMap<>(perEndpoint).forEach((endpoint, n) -> text.append(String.format("  %-60s %5d  %s%n", endpoint, n.get(),
                new TreeMap<>(statusesPerEndpoint.get(endpoint)))));
        text.append("\nclosed without an answer (raw protocol garbage, or the rest of an oversized body):\n");
        new TreeMap<>(noAnswer).forEach((key, n) -> text.append("  ").append(key).append(": ").append(n).append('\n'));
        text.append("\nslowest answers:\n");
        answerTimes.stream().sorted(java.util.Comparator.comparingLong(Slow::millis).reversed()).limit(5)
                .forEach(slow -> text.append("  ").append(slow.millis()).append(" ms: ").append(slow.request()).append('\n'));
        if (!violations.isEmpty()) {
            text.append("\nviolations (first 20):\n");
            violations.stream().limit(20).forEach(v -> text.append(v).append("\n\n"));
        }
        Reports.write("bad-input.txt", text.toString());
    }

    private String firstViolations() {
        return String.join("\n\n", violations.stream().limit(20).toList());
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
