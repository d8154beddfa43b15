package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.webhooks.domain.port.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Gauges of the delivery pipeline; the ones that query the database are cached for 10 s. */
public final class DeliveryGauges {
    private DeliveryGauges() {
    }

    public static void register(MetricRegistry metrics, DeliveryQueue queue, Clock clock, IntSupplier inFlight,
                                Supplier<Map<String, String>> circuits) {
        metrics.register("deliveries.in-flight", (Gauge<Integer>) inFlight::getAsInt);
        metrics.register("deliveries.oldest-due-age-seconds", new CachedGauge<Long>(10, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return queue.oldestDue().map(due -> Math.max(0, Duration.between(due, clock.instant()).toSeconds())).orElse(0L);
            }
        });
        metrics.register("deliveries.queue-depth", new CachedGauge<Long>(10, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return queue.countDue(clock.instant());
            }
        });
        metrics.register("deliveries.circuits-open", (Gauge<Long>) () ->
                circuits.get().values().stream().filter(state -> !state.equals("CLOSED")).count());
    }
}
