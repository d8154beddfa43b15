package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The latest attempt of a delivery as kept in its history: where it went, the headers sent (encrypted header values
 * replaced by {@value #OMITTED}, signatures kept), and what came back.
 */
public record RecordedAttempt(Instant at, String url, Map<String, String> requestHeaders, int statusCode,
                              Map<String, String> responseHeaders, String responseBody, String statusMessage) {
    public static final String OMITTED = "**OMITTED**";

    public RecordedAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
        responseBody = responseBody == null ? "" : responseBody;
        Objects.requireNonNull(statusMessage, "statusMessage");
    }
}
