package dev.webhooks.adapters.rest.ratelimit;

/**
 * Requests per minute per user (tenant and user id) for each tier: reads (Tier 1), writes and resend (Tier 2), and
 * event publishing. Zero turns a tier's limit off.
 */
public record RateLimits(boolean enabled, int readsPerMinute, int writesPerMinute, int eventsPerMinute) {
    public RateLimits {
        if (readsPerMinute < 0 || writesPerMinute < 0 || eventsPerMinute < 0) {
            throw new IllegalArgumentException("rate limits may not be negative");
        }
    }
}
