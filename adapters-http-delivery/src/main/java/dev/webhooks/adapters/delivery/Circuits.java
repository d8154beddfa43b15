package dev.webhooks.adapters.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerBuilder;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The circuit breakers of the targets ({@code host:port}) called recently: at most {@code maxCircuits} of them, each
 * forgotten after {@code circuitIdleAfter} without a call, so that memory does not grow with the number of targets
 * ever called. A forgotten breaker is simply made again, closed, when its target is called next.
 */
final class Circuits {
    private final Supplier<CircuitBreakerBuilder<DeliveryAttempt>> breakers;
    private final CircuitListener listener;
    private final Runnable onNewTarget;
    private final Cache<String, Circuit> cache;

    Circuits(HttpDeliverySettings settings, Supplier<CircuitBreakerBuilder<DeliveryAttempt>> breakers,
             CircuitListener listener, Runnable onNewTarget) {
        this(settings, breakers, listener, onNewTarget, Ticker.systemTicker());
    }

    Circuits(HttpDeliverySettings settings, Supplier<CircuitBreakerBuilder<DeliveryAttempt>> breakers,
             CircuitListener listener, Runnable onNewTarget, Ticker ticker) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onNewTarget = Objects.requireNonNull(onNewTarget, "onNewTarget");
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxCircuits())
                .expireAfterAccess(settings.circuitIdleAfter())
                .ticker(ticker)
                // idle breakers (and what listeners keep for them) go on time, even when no call touches the cache
                .scheduler(Scheduler.systemScheduler())
                // evictions run on the calling thread: the size bound holds after each call, not whenever a pool gets to it
                .executor(Runnable::run)
                .evictionListener((String target, Circuit circuit, RemovalCause cause) -> forget(circuit))
                .build();
    }

    /** The breaker of a target, a new closed one when the target was not called recently. */
    CircuitBreaker<DeliveryAttempt> breakerOf(String target) {
        Circuit known = cache.getIfPresent(target);
        if (known != null) {
            return known.breaker();
        }
        Circuit circuit = cache.get(target, this::create);
        onNewTarget.run();
        return circuit.breaker();
    }

    /** Each known target's circuit state: CLOSED, OPEN or HALF_OPEN. */
    Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        cache.asMap().forEach((target, circuit) -> states.put(target, circuit.state()));
        return Map.copyOf(states);
    }

    /** How many breakers are kept, after any pending eviction. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Circuit create(String target) {
        return new Circuit(target, breakers.get(), listener);
    }

    private static void forget(Circuit circuit) {
        if (circuit != null) {
            circuit.forget();
        }
    }
}
