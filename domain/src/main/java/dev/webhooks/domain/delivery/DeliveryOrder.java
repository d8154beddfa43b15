package dev.webhooks.domain.delivery;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ordered delivery's rule for one webhook's queue: its deliveries go one at a time, in the order their events were
 * accepted ({@link #ACCEPTANCE}). The head is the delivery whose turn it is; it stays the head while it is pending (in
 * flight, or waiting for its retry), so nothing after it starts before it has succeeded or failed for good; then the
 * first pending delivery in acceptance order becomes the head. The head is attempted when it is due.
 */
public record DeliveryOrder(Optional<Queued> head) {
    /**
     * Acceptance order: when a delivery was made due (its event's acceptance, for a delivery not attempted yet), then its
     * {@link TimeOrderedUuid time-ordered} id (the order within a batch). Deliveries already attempted before their
     * webhook was ordered keep the place of their next attempt.
     */
    public static final Comparator<Queued> ACCEPTANCE = Comparator
            .comparing((Queued queued) -> queued.nextAttemptAt().orElse(Instant.MAX))
            .thenComparing(queued -> queued.id().value());

    public DeliveryOrder {
        Objects.requireNonNull(head, "head");
    }

    /**
     * The queue's order now, from the head recorded last (empty when there was none or it is no longer stored) and,
     * only when that one is finished, the first pending delivery in acceptance order.
     */
    public static DeliveryOrder of(Optional<Queued> recordedHead, Supplier<Optional<Queued>> firstPending) {
        return new DeliveryOrder(recordedHead.filter(Queued::pending).or(firstPending));
    }

    /** The head, when its attempt may start at {@code now}: it is due (not leased, not waiting for a retry). */
    public Optional<DeliveryId> startable(Instant now) {
        return head.filter(queued -> queued.nextAttemptAt().filter(at -> !at.isAfter(now)).isPresent()).map(Queued::id);
    }

    /** A delivery of an ordered webhook as the store holds it now; a pending one, and only that, has a next attempt. */
    public record Queued(DeliveryId id, DeliveryState state, Optional<Instant> nextAttemptAt) {
        public Queued {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(state, "state");
            if (nextAttemptAt.isPresent() != (state == DeliveryState.PENDING)) {
                throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
            }
        }

        boolean pending() {
            return state == DeliveryState.PENDING;
        }
    }
}
