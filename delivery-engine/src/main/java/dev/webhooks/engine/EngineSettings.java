package dev.webhooks.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs deliveries.
 *
 * @param maxInFlight           attempts running at once in the fast slots; as many claimed deliveries may wait for
 *                              their webhook's turn
 * @param maxInFlightPerWebhook attempts of one webhook running at once (and as many waiting for a turn)
 * @param slowLaneSlots         attempts running at once for slow webhooks, in a pool of their own
 * @param slowAfter             an attempt running longer than this gives its fast slot back and makes its webhook slow
 *                              (a timeout does too) until one of its attempts is answered faster than this
 * @param lease                 how long a claimed delivery stays reserved for this instance
 * @param pollInterval          how often an idle engine looks for due deliveries; also the pause after a failed step
 * @param batchWindow           the shortest time between two claims (or two recordings): work arriving meanwhile is
 *                              taken in one transaction
 * @param shutdownGrace         how long running attempts may finish at stop before they are handed back
 */
public record EngineSettings(int maxInFlight, int maxInFlightPerWebhook, int slowLaneSlots, Duration slowAfter,
                             Duration lease, Duration pollInterval, Duration batchWindow, Duration shutdownGrace) {
    public EngineSettings {
        if (maxInFlight < 1 || maxInFlightPerWebhook < 1 || slowLaneSlots < 1) {
            throw new IllegalArgumentException("maxInFlight, maxInFlightPerWebhook and slowLaneSlots must be at least 1");
        }
        for (Duration duration : new Duration[] {slowAfter, lease, pollInterval, batchWindow, shutdownGrace}) {
            if (Objects.requireNonNull(duration, "durations are required").isNegative()) {
                throw new IllegalArgumentException("durations may not be negative");
            }
        }
    }
}
