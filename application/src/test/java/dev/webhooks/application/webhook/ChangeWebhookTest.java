package dev.webhooks.application.webhook;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The read-check-write cycle PUT and PATCH share: a change that loses a race with another writer starts over from
 * what that writer stored (so neither change is lost), and gives up after five tries.
 */
class ChangeWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final ChangeWebhook change = new ChangeWebhook(repository,
            new WebhookRules(EventTypeCatalog.builtIn(), TargetPolicy.STRICT), Clock.fixed(NOW, ZoneOffset.UTC), 150, java.time.Duration.ZERO,
            dev.webhooks.application.event.Announcements.discarded());
    private final Webhook webhook = WebhookFixtures.webhook("acme");

    private Webhook rename(String name) {
        return change.change(ADMIN, webhook.id().toString(), current -> {
            WebhookDefinition.Builder next = current.definition().toBuilder();
            next.name = name;
            return next.build();
        });
    }

    @Test
    void startsOverFromWhatAConcurrentWriterStored() {
        repository.insert(webhook, 150);
        repository.changeConcurrently(webhook.id(), 4, theirs -> theirs.description = "theirs");

        Webhook changed = rename("ours");

        assertThat(changed.definition().name()).isEqualTo("ours");
        assertThat(changed.definition().description()).as("the other writer's change is kept").isEqualTo("theirs");
        assertThat(changed.version()).isEqualTo(webhook.version() + 5);
        assertThat(repository.findById("acme", webhook.id())).contains(changed);
    }

    @Test
    void givesUpAfterFiveTriesWithAConflict() {
        repository.insert(webhook, 150);
        repository.changeConcurrently(webhook.id(), 5, theirs -> theirs.description = "theirs");

        assertRefused(() -> rename("ours"), ErrorCode.CONCURRENT_UPDATE);

        assertThat(repository.findById("acme", webhook.id()).orElseThrow().definition().name()).isEqualTo(webhook.definition().name());
    }
}
