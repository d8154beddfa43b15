package dev.webhooks.domain.delivery;

/** How the {@link DeliveryPolicy} judged one attempt. */
public enum AttemptOutcome {
    /** A 2xx answer: delivered. */
    SUCCESS,
    /** Worth trying again: no answer (timeout, refused, reset, TLS, DNS, open circuit), 408, 429 or a 5xx. */
    RETRYABLE,
    /** Not worth trying again: a 3xx (redirects are never followed), another 4xx, or a target that may not be called. */
    FINAL,
    /** 410 Gone: the receiver asked for no more deliveries; the webhook is disabled. */
    GONE,
    /** Nothing could be sent (the webhook's secrets are unreadable): the delivery waits, no attempt is counted. */
    HELD
}
