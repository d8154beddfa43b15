package dev.webhooks.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When the attempts of rate-limited webhooks begin on this instance: each at its start from the claim
 * ({@link dev.webhooks.domain.delivery.RateBudget}), and never sooner than one interval after the webhook's previous
 * attempt began here. The second rule matters when sender threads begin late (a busy machine, the first attempts after
 * a start): the late ones would otherwise begin together with those whose start comes next. Starts only ever move
 * later, never sooner, so the budget shared by all instances still holds. Marks expire soon after a webhook's last
 * attempt here.
 */
final class Pacing {
    private final Clock clock;
    private final Cache<WebhookId, Long> lastBegun = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(1_000L / DeliveryRate.MIN * 2)).build();

    Pacing(Clock clock) {
        this.clock = clock;
    }

    /** Waits until the attempt may begin, and notes that it does; false when interrupted (the engine stops). */
    boolean awaitTurn(WebhookId webhookId, Instant startAt, DeliveryRate rate) {
        try {
            sleepNanos(Duration.between(clock.instant(), startAt).toNanos());
            long wait;
            while ((wait = begin(webhookId, rate.interval().toNanos())) > 0) {
                sleepNanos(wait);
            }
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Zero when the attempt begins now (noted); else how long to wait for the interval since the previous one. */
    private synchronized long begin(WebhookId webhookId, long intervalNanos) {
        long now = System.nanoTime();
        Long last = lastBegun.getIfPresent(webhookId);
        long wait = last == null ? 0 : last + intervalNanos - now;
        if (wait <= 0) {
            lastBegun.put(webhookId, now);
            return 0;
        }
        return wait;
    }

    /** In whole milliseconds rounded up: a sleep in nanoseconds may round down and wake early. */
    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.MILLISECONDS.sleep((nanos + 999_999) / 1_000_000);
        }
    }
}
