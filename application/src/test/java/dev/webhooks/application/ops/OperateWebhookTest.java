package dev.webhooks.application.ops;

import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.FailureStreak;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.application.event.Announcements;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.port.DeliveryQueue;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Operators switch any webhook of any tenant off (saying why) or on again; ids that name no webhook are not found. */
class OperateWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryEventLog events = new InMemoryEventLog(webhooks, new InMemoryDeliveryQueue(webhooks),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final OperateWebhook operate = new OperateWebhook(webhooks, Clock.fixed(NOW, ZoneOffset.UTC),
            Announcements.into(events, Clock.fixed(NOW, ZoneOffset.UTC)));
    private final Webhook webhook = WebhookFixtures.webhook("globex");

    private Webhook stored() {
        return webhooks.findByIdInAnyTenant(webhook.id()).orElseThrow();
    }

    @Test
    void disablesAnyTenantsWebhookWithTheReasonGiven() {
        webhooks.insert(webhook, 150);

        Webhook off = operate.disable(webhook.id().toString(), "abuse report #12");

        assertThat(off).isEqualTo(stored());
        assertThat(off.enabled()).isFalse();
        assertThat(off.disabledReason()).isEqualTo(new DisabledReason(DisabledReasonCode.DISABLED_BY_OPERATOR, "abuse report #12"));
        assertThat(events.received()).singleElement().satisfies(received -> {
            assertThat(received.event().type()).isEqualTo(EventTypeCatalog.WEBHOOK_DISABLED);
            assertThat(received.event().tenantId()).isEqualTo("globex");
            assertThat(received.event().data().orElseThrow().toString()).contains("DISABLED_BY_OPERATOR").contains("abuse report #12");
        });
    }

    @Test
    void withoutAReasonSaysAnOperatorDidIt() {
        webhooks.insert(webhook, 150);

        assertThat(operate.disable(webhook.id().toString(), " ").disabledReason().message()).isEqualTo("Disabled by an operator.");
    }

    @Test
    void aWebhookAlreadyOffStaysAsItIs() {
        webhooks.insert(webhook, 150);
        DisabledReason gone = new DisabledReason(DisabledReasonCode.GONE, "410");
        webhooks.disable(webhook.id(), gone, NOW.minusSeconds(60));
        Webhook before = stored();

        assertThat(operate.disable(webhook.id().toString(), "again")).isEqualTo(before);
        assertThat(stored().disabledReason()).isEqualTo(gone);
        assertThat(events.received()).as("nothing changed, nothing announced").isEmpty();
    }

    @Test
    void enablingClearsTheReasonAndStartsTheFailureStreakAfresh() {
        InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(webhooks);
        webhooks.insert(webhook, 150);
        queue.record(List.of(), List.of(new DeliveryQueue.StreakUpdate(webhook.id(), 0, new FailureStreak(3, Optional.of(NOW)))));
        operate.disable(webhook.id().toString(), "maintenance");

        Webhook on = operate.enable(webhook.id().toString());

        assertThat(on).isEqualTo(stored());
        assertThat(on.enabled()).isTrue();
        assertThat(on.disabledReason()).isNull();
        assertThat(on.updatedByUserId()).isEqualTo("operator");
        assertThat(events.received()).extracting(received -> received.event().type())
                .containsExactly(EventTypeCatalog.WEBHOOK_DISABLED, EventTypeCatalog.WEBHOOK_ENABLED);
        assertThat(on.updatedAt()).isEqualTo(NOW);
        assertThat(queue.failureStreaks(List.of(webhook.id())).get(webhook.id()).streak()).isEqualTo(FailureStreak.NONE);
    }

    @Test
    void enablingStartsOverWhenAnotherWriterChangedTheWebhookAndGivesUpAfterFiveTries() {
        webhooks.insert(webhook, 150);
        operate.disable(webhook.id().toString(), "maintenance");

        webhooks.changeConcurrently(webhook.id(), 5, theirs -> theirs.description = "theirs");
        assertRefused(() -> operate.enable(webhook.id().toString()), ErrorCode.CONCURRENT_UPDATE);
        assertThat(stored().enabled()).isFalse();

        webhooks.changeConcurrently(webhook.id(), 4, theirs -> theirs.description = "theirs again");
        Webhook on = operate.enable(webhook.id().toString());
        assertThat(on.enabled()).isTrue();
        assertThat(on.definition().description()).isEqualTo("theirs again");
    }

    @Test
    void anIdThatNamesNoWebhookIsNotFound() {
        assertRefused(() -> operate.disable("not-an-id", "x"), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> operate.disable(WebhookId.random().toString(), "x"), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> operate.enable(WebhookId.random().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
    }
}
