package dev.webhooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.delivery.DeliveryOrder.Queued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aPendingHeadStaysTheHeadAndHoldsBackTheRest() {
        Queued retrying = pending(NOW.plusSeconds(30));
        DeliveryOrder order = DeliveryOrder.of(Optional.of(retrying), () -> {
            throw new AssertionError("the rest is not looked at while the head is pending");
        });

        assertThat(order.head()).contains(retrying);
        assertThat(order.startable(NOW)).isEmpty();
        assertThat(order.startable(NOW.plusSeconds(30))).contains(retrying.id());
    }

    @Test
    void aHeadThatSucceededOrFailedForGoodGivesWayToTheFirstPending() {
        Queued next = pending(NOW.minusSeconds(5));
        for (DeliveryState finished : List.of(DeliveryState.SUCCEEDED, DeliveryState.FAILED)) {
            Queued head = new Queued(DeliveryId.at(NOW.minusSeconds(10)), finished, Optional.empty());

            DeliveryOrder order = DeliveryOrder.of(Optional.of(head), () -> Optional.of(next));

            assertThat(order.head()).contains(next);
            assertThat(order.startable(NOW)).contains(next.id());
        }
    }

    @Test
    void withoutARecordedHeadTheFirstPendingIsTheHeadAndAnEmptyQueueHasNone() {
        Queued first = pending(NOW);

        assertThat(DeliveryOrder.of(Optional.empty(), () -> Optional.of(first)).startable(NOW)).contains(first.id());
        assertThat(DeliveryOrder.of(Optional.empty(), Optional::empty).head()).isEmpty();
        assertThat(DeliveryOrder.of(Optional.empty(), Optional::empty).startable(NOW)).isEmpty();
    }

    @Test
    void acceptanceOrderIsTheTimeDueThenTheIdsOrderWithinABatch() {
        List<Queued> accepted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Instant dueAt = i < 50 ? NOW : NOW.plusMillis(1);
            UUID madeInOrder = new UUID(NOW.toEpochMilli() << 16 | 0x7000L, 0x8000000000000000L | i);
            accepted.add(new Queued(new DeliveryId(madeInOrder), DeliveryState.PENDING, Optional.of(dueAt)));
        }
        List<Queued> sorted = new ArrayList<>(accepted);
        java.util.Collections.shuffle(sorted);
        sorted.sort(DeliveryOrder.ACCEPTANCE);

        assertThat(sorted).containsExactlyElementsOf(accepted);
    }

    @Test
    void aPendingDeliveryAndOnlyOneHasANextAttempt() {
        assertThatThrownBy(() -> new Queued(DeliveryId.at(NOW), DeliveryState.PENDING, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Queued(DeliveryId.at(NOW), DeliveryState.SUCCEEDED, Optional.of(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Queued pending(Instant dueAt) {
        return new Queued(DeliveryId.at(dueAt), DeliveryState.PENDING, Optional.of(dueAt));
    }
}
