package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The latest attempt of a delivery as kept in its history: where it went, the headers sent (encrypted header values
 * replaced by {@value #OMITTED}, signatures kept), what came back, and the status message, capped at
 * {@value #MAX_STATUS_MESSAGE_CHARS} characters (it may quote a receiver's host name).
 */
public record RecordedAttempt(Instant at, String url, Map<String, String> requestHeaders, int statusCode,
                              Map<String, String> responseHeaders, String responseBody, String statusMessage) {
    public static final String OMITTED = "**OMITTED**";
    public static final int MAX_STATUS_MESSAGE_CHARS = 1024;

    public RecordedAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
        responseBody = responseBody == null ? "" : responseBody;
        Objects.requireNonNull(statusMessage, "statusMessage");
        statusMessage = statusMessage.length() <= MAX_STATUS_MESSAGE_CHARS
                ? statusMessage : statusMessage.substring(0, MAX_STATUS_MESSAGE_CHARS);
    }

    /** What an attempt sent ({@code request}, with the headers as the history shows them) and what the policy made of it. */
    public static RecordedAttempt of(Instant at, OutgoingRequest request, DeliveryAttempt attempt, String statusMessage) {
        return new RecordedAttempt(at, request.request().url(), request.recordedHeaders(), attempt.statusCode(),
                attempt.responseHeaders(), attempt.responseBody(), statusMessage);
    }
}
