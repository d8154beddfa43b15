package dev.webhooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.delivery.RateBudget;
import dev.webhooks.domain.fixtures.DeliveryFixtures;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue.ClaimRequest;
import dev.webhooks.domain.port.DeliveryQueue.Claimed;
import dev.webhooks.domain.port.DeliveryQueue.DueWebhook;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the engine knows to be due: told, found, forgotten; and how often it looks. */
class DueWebhooksTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration POLL = Duration.ofMillis(200);

    private final AtomicInteger looks = new AtomicInteger();
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(new InMemoryWebhookRepository()) {
        @Override
        public synchronized List<DueWebhook> dueWebhooks(Instant now, int limit) {
            looks.incrementAndGet();
            sleep(lookTakes);
            return super.dueWebhooks(now, limit);
        }
    };
    private volatile long lookTakes;

    @Test
    void aToldRetryIsACandidateOnceItIsDue() {
        DueWebhooks due = new DueWebhooks(queue, POLL);
        DueWebhook retry = new DueWebhook("t", WebhookId.random(), NOW.plusSeconds(5));
        due.told(List.of(retry));

        assertThat(due.candidates(NOW)).isEmpty();
        assertThat(due.candidates(NOW.plusSeconds(5))).containsExactly(retry);
    }

    @Test
    void aRateLimitedWebhookIsClaimedAgainWhenItsNextStartIsWithinReachNotWhenIngestTellsOfMore() {
        DueWebhooks due = new DueWebhooks(queue, POLL);
        Webhook limited = WebhookFixtures.webhook("t", b -> b.maxDeliveriesPerSecond = new DeliveryRate(20));
        DueWebhook now = new DueWebhook("t", limited.id(), NOW);
        due.told(List.of(now));
        due.candidates(NOW);
        Claimed last = new Claimed(DeliveryFixtures.pending(limited, "e1", NOW), Optional.of(limited), Optional.of(NOW.plusSeconds(2)));

        due.claimed(List.of(new ClaimRequest("t", limited.id(), 16)), List.of(last));
        due.told(List.of(now));

        Instant reach = RateBudget.nextClaimAt(NOW.plusSeconds(2), new DeliveryRate(20));
        assertThat(due.candidates(reach.minusMillis(1))).isEmpty();
        assertThat(due.candidates(reach)).containsExactly(now);
    }

    @Test
    void looksEveryPollIntervalAndLessOftenWhenLookingIsSlowButNeverRarelyThanFiveIntervals() {
        DueWebhooks due = new DueWebhooks(queue, POLL);
        due.candidates(NOW);
        due.candidates(NOW.plusMillis(100));
        assertThat(looks).hasValue(1);
        due.candidates(NOW.plusMillis(200));
        assertThat(looks).hasValue(2);

        lookTakes = 300; // 20 x 300 ms would be 6 s
        Instant at = NOW.plusSeconds(1);
        due.candidates(at);
        due.candidates(at.plus(POLL.multipliedBy(DueWebhooks.MAX_INTERVAL_FACTOR)).minusMillis(1));
        assertThat(looks).hasValue(3);
        due.candidates(at.plus(POLL.multipliedBy(DueWebhooks.MAX_INTERVAL_FACTOR)));
        assertThat(looks).hasValue(4);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
