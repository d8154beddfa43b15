package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import dev.webhooks.adapters.rest.auth.JwtSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Calls a running service over plain HTTP with timeouts, for load tests: publishes events as a producer
 * (EventPublisher), creates and reads webhooks as the admin of a tenant. A call that gets no answer (refused,
 * reset, timed out) has status -1 instead of throwing, since the tests kill and starve the service on purpose.
 */
final class ServiceCalls {
    static final int NO_ANSWER = -1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final DevTokenIssuer tokens;
    private final Map<String, String> adminTokens = new ConcurrentHashMap<>();
    private final String producerToken;

    ServiceCalls(String baseUrl, String hmacSecret) {
        this.baseUrl = baseUrl;
        this.tokens = new DevTokenIssuer(JwtSettings.hmac(hmacSecret));
        this.producerToken = tokens.issue("platform", "producer", List.of("EventPublisher"), Duration.ofHours(1));
    }

    /** Status, body and {@code Retry-After} (null when absent) of one answer. */
    record Answer(int status, String body, String retryAfter) {
        Answer(int status, String body) {
            this(status, body, null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Publishes one event as {@code application/cloudevents+json}, several as a batch. */
    Answer publish(List<Workload.Event> events) {
        String body = events.size() == 1 ? events.get(0).json()
                : events.stream().map(Workload.Event::json).collect(Collectors.joining(",", "[", "]"));
        String type = events.size() == 1 ? "application/cloudevents+json" : "application/cloudevents-batch+json";
        return send(request("/api/v1/events", producerToken).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", type));
    }

    String createWebhook(String tenant, Map<String, Object> body) {
        Answer answer = send(request("/api/v1/webhooks", adminToken(tenant))
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).header("Content-Type", "application/json"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    Answer get(String tenant, String path) {
        return send(request(path, adminToken(tenant)).GET());
    }

    /** A GET without a token, e.g. of the admin port's {@code /healthcheck}. */
    Answer getUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET());
    }

    /** A POST without a token or body, e.g. of an admin task. */
    Answer postUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String adminToken(String tenant) {
        return adminTokens.computeIfAbsent(tenant,
                t -> tokens.issue(t, "admin", List.of("TenantAdmin"), Duration.ofHours(1)));
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(NO_ANSWER, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, e.toString());
        }
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
