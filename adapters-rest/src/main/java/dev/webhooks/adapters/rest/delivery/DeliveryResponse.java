package dev.webhooks.adapters.rest.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.RecordedAttempt;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A delivery as the reference returns it ({@code request}, {@code response}, {@code status} of the latest attempt,
 * …), plus {@code state}, {@code attempts} and {@code nextAttemptAt}. Encrypted header values read {@code **OMITTED**}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryResponse(String id, String status, Request request, Response response, String eventType,
                               String webhookId, String triggeredAt, String statusMessage, String state, int attempts,
                               String nextAttemptAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was sent. */
    public record Request(String url, JsonNode body, Map<String, String> headers) {
    }

    /** What came back. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(Integer statusCode, Map<String, String> headers, String body) {
    }

    public static DeliveryResponse from(Delivery delivery) {
        RecordedAttempt attempt = delivery.lastAttempt().orElse(null);
        Request request = new Request(attempt == null ? null : attempt.url(), body(delivery),
                attempt == null ? Map.of() : attempt.requestHeaders());
        Response response = attempt == null ? null : new Response(attempt.statusCode() == 0 ? null : attempt.statusCode(),
                attempt.responseHeaders(), attempt.responseBody());
        return new DeliveryResponse(delivery.id().toString(), delivery.apiStatus(), request, response, delivery.eventType(),
                delivery.webhookId().toString(), timestamp(delivery.triggeredAt()),
                attempt == null ? "pending: not attempted yet" : attempt.statusMessage(),
                delivery.state().name().toLowerCase(java.util.Locale.ROOT), delivery.attempts(),
                delivery.nextAttemptAt() == null || delivery.state() != dev.webhooks.domain.delivery.DeliveryState.PENDING
                        ? null : timestamp(delivery.nextAttemptAt()));
    }

    private static JsonNode body(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body());
        } catch (IOException e) {
            throw new IllegalStateException("a stored delivery body is not JSON", e);
        }
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
