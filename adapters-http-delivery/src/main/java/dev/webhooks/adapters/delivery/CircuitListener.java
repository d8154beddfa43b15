package dev.webhooks.adapters.delivery;

/**
 * Told when a target's circuit stops being closed and when it is closed again or its breaker is forgotten, so that
 * whoever watches circuits (metrics) keeps something only for the targets whose circuit is not closed.
 * Calls for one {@link Circuit} come one at a time and alternate, starting with {@link #opened}; a target whose breaker
 * was forgotten gets a new {@link Circuit}, so tell circuits apart by identity, not by target.
 */
public interface CircuitListener {
    /** Listens to nothing. */
    CircuitListener NONE = new CircuitListener() {
        @Override
        public void opened(Circuit circuit) {
        }

        @Override
        public void closed(Circuit circuit) {
        }
    };

    /** The circuit opened; by the time its state is read it may be half-open. */
    void opened(Circuit circuit);

    /** The circuit closed again, or its breaker was forgotten (idle, or too many targets): a new one starts closed. */
    void closed(Circuit circuit);
}
