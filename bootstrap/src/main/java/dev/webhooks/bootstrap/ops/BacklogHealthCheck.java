package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.health.HealthCheck;
import dev.webhooks.domain.port.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Unhealthy when the oldest due delivery has waited longer than the threshold. Reports; never throws. */
public final class BacklogHealthCheck extends HealthCheck {
    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration threshold;

    public BacklogHealthCheck(DeliveryQueue queue, Clock clock, Duration threshold) {
        this.queue = queue;
        this.clock = clock;
        this.threshold = threshold;
    }

    @Override
    protected Result check() {
        try {
            Optional<Instant> oldest = queue.oldestDue();
            Duration waited = oldest.map(due -> Duration.between(due, clock.instant())).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
            String message = "oldest due delivery has waited " + waited.toSeconds() + " s (threshold " + threshold.toSeconds() + " s)";
            return waited.compareTo(threshold) > 0 ? Result.unhealthy(message) : Result.healthy(message);
        } catch (RuntimeException e) {
            return Result.unhealthy("cannot read the delivery backlog: " + e.getClass().getSimpleName());
        }
    }
}
