package dev.webhooks.domain.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attempt observed, without judging it (that is the {@link DeliveryPolicy}'s part): the answer when there was
 * one (status code, headers, body, the target's {@code Retry-After}), or the {@link AttemptFailure} that kept it from
 * coming and a short description naming no secret. What the receiver controls is capped to what the delivery history
 * stores: {@value #MAX_BODY_CHARS} characters of body, headers (names and values) up to {@value #MAX_HEADER_CHARS}
 * characters in all, {@value #MAX_DETAIL_CHARS} of description. Anything longer could not be recorded, and a result
 * that cannot be recorded holds back the others.
 */
public record DeliveryAttempt(int statusCode, Optional<AttemptFailure> failure, Map<String, String> responseHeaders,
                              String responseBody, String detail, Optional<Duration> retryAfter) {
    public static final int MAX_BODY_CHARS = 4096;
    public static final int MAX_HEADER_CHARS = 4096;
    public static final int MAX_DETAIL_CHARS = 1024;

    public DeliveryAttempt {
        failure = failure == null ? Optional.empty() : failure;
        if (failure.isPresent() == (statusCode != 0)) {
            throw new IllegalArgumentException("an attempt has either a status code or a failure");
        }
        if (statusCode != 0 && (statusCode < 100 || statusCode > 999)) {
            throw new IllegalArgumentException("not an HTTP status code: " + statusCode);
        }
        responseHeaders = capHeaders(responseHeaders == null ? Map.of() : responseHeaders);
        responseBody = responseBody == null ? "" : cap(responseBody, MAX_BODY_CHARS);
        detail = cap(Objects.requireNonNull(detail, "detail"), MAX_DETAIL_CHARS);
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** An answer was received. */
    public static DeliveryAttempt answered(int statusCode, Map<String, String> headers, String body, Optional<Duration> retryAfter) {
        return new DeliveryAttempt(statusCode, Optional.empty(), headers, body, "HTTP " + statusCode, retryAfter);
    }

    /** No answer, or nothing sent, and why. */
    public static DeliveryAttempt failed(AttemptFailure failure, String detail) {
        return new DeliveryAttempt(0, Optional.of(failure), Map.of(), "", detail, Optional.empty());
    }

    public boolean wasAnswered() {
        return failure.isEmpty();
    }

    /** Whether the attempt ran into the attempt or connect timeout. */
    public boolean timedOut() {
        return failure.filter(kind -> kind == AttemptFailure.TIMEOUT || kind == AttemptFailure.CONNECT_TIMEOUT).isPresent();
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
