package dev.webhooks.adapters.delivery;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerBuilder;
import dev.webhooks.domain.delivery.DeliveryAttempt;

/** One target's circuit breaker as a {@link CircuitListener} sees it: the target and the breaker's current state. */
public final class Circuit {
    private final String target;
    private final CircuitListener listener;
    private final CircuitBreaker<DeliveryAttempt> breaker;
    private boolean reportedOpen;
    private boolean forgotten;

    Circuit(String target, CircuitBreakerBuilder<DeliveryAttempt> builder, CircuitListener listener) {
        this.target = target;
        this.listener = listener;
        // the breaker calls back only when an attempt goes through it, which is after this constructor has returned
        this.breaker = builder.onOpen(event -> stateChanged()).onHalfOpen(event -> stateChanged())
                .onClose(event -> stateChanged()).build();
    }

    /** The target, {@code host:port}. */
    public String target() {
        return target;
    }

    /** CLOSED, OPEN or HALF_OPEN (also an open circuit whose delay is over but that no attempt has tried yet). */
    public String state() {
        if (breaker.isOpen() && breaker.getRemainingDelay().isZero()) {
            return "HALF_OPEN";
        }
        return breaker.getState().name();
    }

    CircuitBreaker<DeliveryAttempt> breaker() {
        return breaker;
    }

    /**
     * Tells the listener whether the breaker has left or come back to the closed state. Failsafe calls its listeners
     * after releasing its lock, so two transitions can be reported out of order: the state is read again here.
     */
    private synchronized void stateChanged() {
        boolean open = !breaker.isClosed();
        if (forgotten || open == reportedOpen) {
            return;
        }
        reportedOpen = open;
        if (open) {
            listener.opened(this);
        } else {
            listener.closed(this);
        }
    }

    /** The breaker left the cache: whatever it still does is no one's concern, and a new one starts closed. */
    synchronized void forget() {
        if (!forgotten && reportedOpen) {
            listener.closed(this);
        }
        forgotten = true;
    }

    @Override
    public String toString() {
        return target + " " + state();
    }
}
