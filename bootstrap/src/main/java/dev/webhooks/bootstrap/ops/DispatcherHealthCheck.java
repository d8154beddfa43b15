package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Healthy while the delivery poller keeps polling (paused counts as healthy, and says so). Never throws. */
public final class DispatcherHealthCheck extends HealthCheck {
    private final Supplier<Instant> lastPoll;
    private final Supplier<Boolean> paused;
    private final Duration allowedSilence;

    public DispatcherHealthCheck(Supplier<Instant> lastPoll, Supplier<Boolean> paused, Duration allowedSilence) {
        this.lastPoll = lastPoll;
        this.paused = paused;
        this.allowedSilence = allowedSilence;
    }

    @Override
    protected Result check() {
        Instant last = lastPoll.get();
        if (last == null) {
            return Result.unhealthy("the delivery dispatcher has not polled yet");
        }
        Duration silence = Duration.between(last, Instant.now());
        if (silence.compareTo(allowedSilence) > 0) {
            return Result.unhealthy("the delivery dispatcher last polled " + silence.toSeconds() + " s ago");
        }
        return Result.healthy(paused.get() ? "paused by an operator (pause-delivery): not claiming deliveries" : "polling");
    }
}
