package dev.webhooks.benchmarks.load;

import com.codahale.metrics.MetricRegistry;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import dev.webhooks.bootstrap.WebhooksApplication;
import dev.webhooks.bootstrap.WebhooksConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real service (config file, every layer) started in this JVM on the run's database, with its API client. */
final class BenchService implements AutoCloseable {
    static final String EVENT_TYPE = "com.qlik.v1.app.created";
    private static final String OTHER_TYPE = "com.qlik.v1.app.deleted";

    private final DropwizardTestSupport<WebhooksConfiguration> app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String publisherToken;
    private final List<String> webhookIds = new ArrayList<>();

    BenchService(LoadOptions options, BenchDatabase database) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("database.url", database.url()),
                ConfigOverride.config("database.user", database.user()),
                ConfigOverride.config("database.password", database.password()),
                ConfigOverride.config("allowHttp", "true"),
                ConfigOverride.config("allowedTargetCidrs", "127.0.0.0/8"),
                ConfigOverride.config("rateLimits.enabled", "false"),
                ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("databaseSettings.migrateOnStart", "false")));
        if (options.backlog() > 0) {
            overrides.add(ConfigOverride.config("delivery.enabled", "false"));
        }
        app = new DropwizardTestSupport<>(WebhooksApplication.class, options.config(), overrides.toArray(ConfigOverride[]::new));
        app.before();
        withoutRequestLog();
        publisherToken = token("platform", "bench-producer", "EventPublisher");
    }

    /** A line per request would bury the figures; a threshold does not apply to request log appenders. */
    private void withoutRequestLog() {
        app.getEnvironment().getApplicationContext().getServer().setRequestLog(null);
    }

    private String token(String tenant, String user, String role) {
        return new DevTokenIssuer(app.getConfiguration().getAuth().toJwtSettings())
                .issue(tenant, user, List.of(role), Duration.ofHours(2));
    }

    static String tenant(int index) {
        return "bench-tenant-" + index;
    }

    /** Creates the webhooks of every tenant through the API: {@code matching} to the receiver, {@code others} elsewhere. */
    void createWebhooks(LoadOptions options, BenchReceiver receiver) throws Exception {
        for (int t = 0; t < options.tenants(); t++) {
            String admin = token(tenant(t), "bench-admin", "TenantAdmin");
            for (int w = 0; w < options.matching(); w++) {
                create(admin, "matching-" + w, receiver.url("/hook/" + t + "/" + w), EVENT_TYPE, options.ordered());
            }
            for (int w = 0; w < options.others(); w++) {
                create(admin, "other-" + w, receiver.url("/other/" + t + "/" + w), OTHER_TYPE, false);
            }
        }
    }

    private void create(String token, String name, String url, String eventType, boolean ordered) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"url\":\"" + url + "\",\"eventTypes\":[\"" + eventType + "\"],"
                + "\"level\":\"tenant\",\"enabled\":true,\"orderedDelivery\":" + ordered
                + ",\"secret\":\"bench-signing-secret-0123456789-abcdefghij\"}";
        HttpResponse<String> response = http.send(request("/api/v1/webhooks", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a webhook answered " + response.statusCode() + ": " + response.body());
        }
        if (url.contains("/hook/")) {
            webhookIds.add(idOf(response.body()));
        }
    }

    private static String idOf(String json) {
        int start = json.indexOf("\"id\":\"") + "\"id\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** The ids of the webhooks subscribed to the published type. */
    List<String> webhookIds() {
        return List.copyOf(webhookIds);
    }

    /** Starts claiming deliveries (the service starts paused in backlog mode). */
    void resumeDelivery() throws Exception {
        runTask("resume-delivery");
    }

    /**
     * Runs the retention purge the operator's task runs (the service's {@code PurgeDeliveryHistory}, in small batches)
     * for deliveries older than {@code age} (like 6d); returns the task's answer.
     */
    String purgeDeliveries(String age) throws Exception {
        return runTask("purge-deliveries?olderThan=" + age);
    }

    private String runTask(String task) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort() + "/tasks/" + task))
                .timeout(Duration.ofHours(1)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(task + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().strip();
    }

    /** The service's delivery meters, to say where a stalled run stands. */
    String deliveryCounts() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        metrics().getMeters((name, metric) -> name.startsWith("deliveries.") || name.startsWith("events."))
                .forEach((name, meter) -> counts.put(name, meter.getCount()));
        return "service meters " + counts;
    }

    int maxInFlight() {
        return app.getConfiguration().getDelivery().getMaxInFlight();
    }

    /** Publishes a body of events; returns the status. */
    int publish(String body, boolean batch) throws Exception {
        HttpRequest request = request("/api/v1/events", publisherToken)
                .header("Content-Type", batch ? "application/cloudevents-batch+json" : "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    MetricRegistry metrics() {
        return app.getEnvironment().metrics();
    }

    @Override
    public void close() {
        app.after();
        warningsOnly();
    }

    /** Stopping, Dropwizard resets logging to INFO (to the console); the benchmark's output stays its figures. */
    private static void warningsOnly() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }
}
