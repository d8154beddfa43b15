package dev.webhooks.domain.delivery;

/** How one delivery attempt ended, and therefore what happens next. */
public enum AttemptOutcome {
    /** A 2xx answer: delivered. */
    SUCCESS,
    /** A connection error, a timeout, 408, 429 or a 5xx: try again later per the retry schedule. */
    RETRYABLE,
    /** Any other answer (other 4xx, 3xx since redirects are never followed) or a refused target: give up. */
    FINAL,
    /** 410 Gone: give up and disable the webhook at once. */
    GONE;

    /** The outcome of an HTTP status code. */
    public static AttemptOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 410) {
            return GONE;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return RETRYABLE;
        }
        return FINAL;
    }
}
