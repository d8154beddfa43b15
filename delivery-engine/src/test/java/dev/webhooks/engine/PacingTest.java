package dev.webhooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Late sender threads do not begin together: one interval apart per webhook, whatever their starts said. */
class PacingTest {
    private final Clock clock = Clock.systemUTC();
    private final Pacing pacing = new Pacing(clock);

    @Test
    void attemptsWhoseStartsHavePassedBeginOneIntervalApartAndOtherWebhooksAreNotHeldUp() throws Exception {
        WebhookId limited = WebhookId.random();
        Instant late = clock.instant().minusSeconds(1);
        List<Long> begun = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> {
                pacing.awaitTurn(limited, late, new DeliveryRate(20));
                begun.add(System.nanoTime());
            });
            thread.start();
            threads.add(thread);
        }
        pacing.awaitTurn(WebhookId.random(), late, new DeliveryRate(20));
        long otherBegun = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(begun).hasSize(4);
        // three intervals between the first and the last; measured after the fact, so a thread preempted between its
        // turn and the measurement shortens what is seen (a machine under load): hence less than two intervals as the bound
        List<Long> sorted = begun.stream().sorted().toList();
        assertThat(sorted.get(3) - sorted.get(0)).isGreaterThanOrEqualTo(90_000_000L);
        assertThat(otherBegun).as("another webhook does not wait behind this one").isLessThan(sorted.get(3));
    }

    @Test
    void anAttemptWaitsForItsStart() {
        long before = System.nanoTime();
        pacing.awaitTurn(WebhookId.random(), clock.instant().plusMillis(100), new DeliveryRate(5));
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(99_000_000L);
    }
}
