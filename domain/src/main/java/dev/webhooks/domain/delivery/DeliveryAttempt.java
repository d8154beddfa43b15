package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attempt produced: its outcome, the answer when there was one (status code, headers, body), a human status
 * message, and the target's {@code Retry-After} if it gave one. What the receiver controls, and messages that name
 * its host, are capped to what the delivery history stores: {@value #MAX_BODY_CHARS} characters of body, headers
 * (names and values) up to {@value #MAX_HEADER_CHARS} characters in all, {@value #MAX_STATUS_MESSAGE_CHARS} of
 * message. Anything longer could not be recorded, and a result that cannot be recorded holds back the others.
 */
public record DeliveryAttempt(AttemptOutcome outcome, int statusCode, Map<String, String> responseHeaders,
                              String responseBody, String statusMessage, Optional<Duration> retryAfter) {
    public static final int MAX_BODY_CHARS = 4096;
    public static final int MAX_HEADER_CHARS = 4096;
    public static final int MAX_STATUS_MESSAGE_CHARS = 1024;

    public DeliveryAttempt {
        Objects.requireNonNull(outcome, "outcome");
        responseHeaders = capHeaders(responseHeaders);
        responseBody = responseBody == null ? "" : cap(responseBody, MAX_BODY_CHARS);
        statusMessage = cap(Objects.requireNonNull(statusMessage, "statusMessage"), MAX_STATUS_MESSAGE_CHARS);
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** An answer was received. */
    public static DeliveryAttempt answered(int statusCode, Map<String, String> headers, String body, Optional<Duration> retryAfter) {
        AttemptOutcome outcome = AttemptOutcome.ofStatus(statusCode);
        String message = switch (outcome) {
            case SUCCESS -> "delivered: HTTP " + statusCode;
            case GONE -> "HTTP 410 Gone: the receiver asked to stop; the webhook is disabled";
            case RETRYABLE -> "HTTP " + statusCode + ": will retry";
            case FINAL -> statusCode >= 300 && statusCode < 400
                    ? "HTTP " + statusCode + ": redirects are not followed" : "HTTP " + statusCode + ": not retried";
        };
        return new DeliveryAttempt(outcome, statusCode, headers, body, message, retryAfter);
    }

    /** No answer (connection refused, reset, timeout, TLS failure): worth retrying. */
    public static DeliveryAttempt unanswered(String reason) {
        return new DeliveryAttempt(AttemptOutcome.RETRYABLE, 0, Map.of(), "", reason, Optional.empty());
    }

    /** The target may not be called at all (for example a private address): final. */
    public static DeliveryAttempt refused(String reason) {
        return new DeliveryAttempt(AttemptOutcome.FINAL, 0, Map.of(), "", reason, Optional.empty());
    }

    private static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** The headers in the order given for as long as they fit; the rest are left out. */
    private static Map<String, String> capHeaders(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        int chars = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            chars += header.getKey().length() + header.getValue().length();
            if (chars > MAX_HEADER_CHARS) {
                break;
            }
            kept.put(header.getKey(), header.getValue());
        }
        return Map.copyOf(kept);
    }
}
