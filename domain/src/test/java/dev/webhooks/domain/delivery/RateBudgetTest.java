package dev.webhooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.webhook.DeliveryRate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final DeliveryRate TWENTY = new DeliveryRate(20);

    @Test
    void anIdleWebhookStartsAtOnceAndTakesOnlyTheStartsWithinTheHorizon() {
        RateBudget.Grant grant = new RateBudget(TWENTY, Instant.EPOCH).grant(NOW, 100);

        assertThat(grant.count()).isEqualTo(10); // 500 ms at one start per 50 ms
        assertThat(grant.start(0)).isEqualTo(NOW);
        assertThat(grant.start(9)).isEqualTo(NOW.plusMillis(450));
        assertThat(grant.nextFreeStartAfter(10)).isEqualTo(NOW.plusMillis(500));
    }

    @Test
    void takesNoMoreThanWanted() {
        RateBudget.Grant grant = new RateBudget(TWENTY, Instant.EPOCH).grant(NOW, 2);

        assertThat(grant.count()).isEqualTo(2);
        assertThat(grant.nextFreeStartAfter(2)).isEqualTo(NOW.plusMillis(100));
    }

    @Test
    void startsAfterTheStartsOthersTookAndNoneBeyondTheHorizon() {
        assertThat(new RateBudget(TWENTY, NOW.plusMillis(100)).grant(NOW, 100).start(0)).isEqualTo(NOW.plusMillis(100));
        assertThat(new RateBudget(TWENTY, NOW.plusMillis(100)).grant(NOW, 100).count()).isEqualTo(8);
        assertThat(new RateBudget(TWENTY, NOW.plus(RateBudget.HORIZON)).grant(NOW, 100).count()).isZero();
    }

    @Test
    void unusedTimeIsNotSavedUp() {
        RateBudget.Grant grant = new RateBudget(TWENTY, NOW.minusSeconds(60)).grant(NOW, 100);

        assertThat(grant.start(0)).isEqualTo(NOW);
        assertThat(grant.count()).isEqualTo(10);
    }

    @Test
    void startsUnusedByAClaimGoBack() {
        RateBudget.Grant grant = new RateBudget(TWENTY, Instant.EPOCH).grant(NOW, 5);

        assertThat(grant.nextFreeStartAfter(2)).isEqualTo(NOW.plusMillis(100));
    }

    @Test
    void theNextClaimComesWhenTheNextStartIsWithinTheHorizon() {
        assertThat(RateBudget.nextClaimAt(NOW, TWENTY)).isEqualTo(NOW.plusMillis(50).minus(RateBudget.HORIZON));
    }

    /** Claims at random moments by "several instances" sharing one stored next start: no second holds more than 20. */
    @Test
    void noSecondEverHoldsMoreStartsThanTheRate() {
        Random random = new Random(12);
        Instant nextFree = Instant.EPOCH;
        Instant now = NOW;
        List<Instant> starts = new ArrayList<>();
        while (now.isBefore(NOW.plusSeconds(30))) {
            now = now.plusNanos(random.nextInt(80_000_000)).plusNanos(123);
            RateBudget.Grant grant = new RateBudget(TWENTY, nextFree).grant(now, 1 + random.nextInt(16));
            int used = grant.count() == 0 ? 0 : random.nextInt(grant.count() + 1);
            for (int i = 0; i < used; i++) {
                starts.add(grant.start(i));
            }
            if (used > 0) {
                nextFree = grant.nextFreeStartAfter(used);
            }
        }
        for (int i = 0; i + 20 < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i), starts.get(i + 20))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(starts.size()).isGreaterThan(400);
    }
}
