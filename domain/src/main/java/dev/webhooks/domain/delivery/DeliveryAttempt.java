package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attempt produced: its outcome, the answer when there was one (status code, headers, body capped at
 * {@value #MAX_BODY_CHARS} characters), a human status message, and the target's {@code Retry-After} if it gave one.
 */
public record DeliveryAttempt(AttemptOutcome outcome, int statusCode, Map<String, String> responseHeaders,
                              String responseBody, String statusMessage, Optional<Duration> retryAfter) {
    public static final int MAX_BODY_CHARS = 4096;

    public DeliveryAttempt {
        Objects.requireNonNull(outcome, "outcome");
        responseHeaders = Map.copyOf(responseHeaders);
        responseBody = responseBody == null ? "" : cap(responseBody);
        Objects.requireNonNull(statusMessage, "statusMessage");
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

    private static String cap(String body) {
        return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS);
    }
}
