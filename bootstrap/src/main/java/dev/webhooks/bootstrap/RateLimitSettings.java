package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.adapters.rest.ratelimit.RateLimits;
import jakarta.validation.constraints.Min;

/** Requests per minute per user for each tier; 0 switches a tier's limit off. */
public class RateLimitSettings {
    private boolean enabled = true;
    @Min(0)
    private int readsPerMinute = 1000;
    @Min(0)
    private int writesPerMinute = 100;
    @Min(0)
    private int eventsPerMinute = 0;

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public void setReadsPerMinute(int readsPerMinute) {
        this.readsPerMinute = readsPerMinute;
    }

    @JsonProperty
    public void setWritesPerMinute(int writesPerMinute) {
        this.writesPerMinute = writesPerMinute;
    }

    @JsonProperty
    public void setEventsPerMinute(int eventsPerMinute) {
        this.eventsPerMinute = eventsPerMinute;
    }

    public RateLimits toRateLimits() {
        return new RateLimits(enabled, readsPerMinute, writesPerMinute, eventsPerMinute);
    }
}
