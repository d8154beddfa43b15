package dev.webhooks.application.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.EventLog;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service's own events about a webhook: published once per change, into its tenant, never failing the change. */
class AnnounceWebhookStatusTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final DisabledReason GONE = new DisabledReason(DisabledReasonCode.GONE, "The receiver answered 410 Gone.");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(webhooks);
    private final InMemoryEventLog events = new InMemoryEventLog(webhooks, queue, clock);
    private final Webhook webhook = WebhookFixtures.webhook("acme");
    private final DisabledWebhook disabled = new DisabledWebhook(webhook.id(), "acme", "orders", "alice", 4);

    @Test
    void theSameChangeAnnouncedTwiceIsStoredAndDeliveredOnce() {
        Webhook watcher = WebhookFixtures.webhook("acme", b -> b.eventTypes = List.of(EventTypeCatalog.WEBHOOK_DISABLED));
        webhooks.insert(watcher, 150);
        AnnounceWebhookStatus announce = Announcements.into(events, clock);

        announce.disabled(disabled, GONE);
        announce.disabled(disabled, GONE);

        assertThat(events.received()).hasSize(1);
        assertThat(queue.all()).hasSize(1);
        assertThat(queue.all().get(0).webhookId()).isEqualTo(watcher.id());
    }

    @Test
    void aNewDisableOfTheSameWebhookIsANewEvent() {
        AnnounceWebhookStatus announce = Announcements.into(events, clock);

        announce.disabled(disabled, GONE);
        announce.disabled(new DisabledWebhook(webhook.id(), "acme", "orders", "alice", 6), GONE);

        assertThat(events.received()).hasSize(2);
    }

    @Test
    void aFailingPublishIsTriedAgainAfterAPauseAndNeverThrows() {
        List<Long> tries = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventLog failing = (batch, fanOut) -> {
            tries.add(System.nanoTime());
            throw new IllegalStateException("database down");
        };

        Announcements.into(failing, clock).disabled(disabled, GONE);

        assertThat(tries).hasSize(3);
        assertThat(tries.get(1) - tries.get(0)).as("first pause").isGreaterThanOrEqualTo(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(tries.get(2) - tries.get(1)).as("second pause").isGreaterThanOrEqualTo(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aPublishThatFailsOnceIsStoredByTheNextTry() {
        AtomicInteger calls = new AtomicInteger();
        EventLog flaky = (batch, fanOut) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database blip");
            }
            return events.append(batch, fanOut);
        };

        Announcements.into(flaky, clock).disabled(disabled, GONE);

        assertThat(calls).hasValue(2);
        assertThat(events.received()).hasSize(1);
    }

    @Test
    void announcesAnEnableWithWhoDidItAndTheReasonItEnds() {
        Announcements.into(events, clock).enabled(webhook, java.util.Optional.of(GONE), "bob");

        var event = events.received().get(0).event();
        assertThat(event.type()).isEqualTo(EventTypeCatalog.WEBHOOK_ENABLED);
        assertThat(event.data().orElseThrow().toString()).contains("\"enabledBy\":\"bob\"").contains("\"reasonCode\":\"GONE\"");
    }
}
