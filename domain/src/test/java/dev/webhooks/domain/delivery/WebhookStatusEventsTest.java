package dev.webhooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service's own events about webhooks: their attributes, their deterministic ids, and who receives them. */
class WebhookStatusEventsTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final DisabledReason GONE = new DisabledReason(DisabledReasonCode.GONE, "The receiver answered 410 Gone.");

    private final Webhook disabledOne = WebhookFixtures.webhook("acme", b -> b.enabled = false);
    private final DisabledWebhook disabled = new DisabledWebhook(disabledOne.id(), "acme", "orders", "alice", 7);

    @Test
    void aDisabledEventNamesTheWebhookAndWhyInItsTenantInTheServicesNamespace() {
        CloudEvent event = WebhookStatusEvents.disabled(disabled, GONE, NOW);

        assertThat(event.type()).isEqualTo("dev.webhooks.webhook.disabled");
        assertThat(event.tenantId()).isEqualTo("acme");
        assertThat(event.ownerId()).contains("alice");
        assertThat(event.time()).contains(NOW);
        assertThat(Json.write(event.data().orElseThrow())).isEqualTo("{\"id\":\"" + disabledOne.id()
                + "\",\"name\":\"orders\",\"reasonCode\":\"GONE\",\"reason\":\"The receiver answered 410 Gone.\"}");
    }

    @Test
    void theIdIsTheSameForOneDisableAndDiffersForTheNext() {
        CloudEvent first = WebhookStatusEvents.disabled(disabled, GONE, NOW);
        CloudEvent retried = WebhookStatusEvents.disabled(disabled, GONE, NOW.plusSeconds(5));
        CloudEvent next = WebhookStatusEvents.disabled(new DisabledWebhook(disabledOne.id(), "acme", "orders", "alice", 9), GONE, NOW);

        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(retried.source()).isEqualTo(first.source());
        assertThat(next.id()).isNotEqualTo(first.id());
    }

    @Test
    void goesToOtherSubscribedWebhooksOfTheTenantButNeverToTheWebhookItIsAbout() {
        EventMatcher matcher = new EventMatcher();
        List<String> types = List.of(EventTypeCatalog.WEBHOOK_DISABLED, EventTypeCatalog.WEBHOOK_ENABLED);
        Webhook watcher = WebhookFixtures.webhook("acme", b -> b.eventTypes = types);
        Webhook aboutItself = new Webhook(disabledOne.id(), "acme", WebhookFixtures.definition(b -> b.eventTypes = types),
                NOW, NOW, "alice", "alice", null, 8);
        Webhook otherTenant = WebhookFixtures.webhook("globex", b -> b.eventTypes = types);
        Webhook ownersUserLevel = WebhookFixtures.webhook("acme", b -> {
            b.eventTypes = types;
            b.level = Level.USER;
            b.ownerId = "alice";
        });

        CloudEvent enabled = WebhookStatusEvents.enabled(aboutItself, Optional.of(GONE), "alice", NOW);

        assertThat(matcher.matches(enabled, watcher)).isTrue();
        assertThat(matcher.matches(enabled, ownersUserLevel)).isTrue();
        assertThat(matcher.matches(enabled, aboutItself)).isFalse();
        assertThat(matcher.matches(enabled, otherTenant)).isFalse();
        assertThat(Json.write(enabled.data().orElseThrow())).contains("\"enabledBy\":\"alice\"", "\"reasonCode\":\"GONE\"");
    }

    @Test
    void theCatalogListsThemWithDescriptions() {
        EventTypeCatalog catalog = EventTypeCatalog.builtIn();

        assertThat(catalog.find(EventTypeCatalog.WEBHOOK_DISABLED).orElseThrow().description()).contains("never receives it");
        assertThat(catalog.find(EventTypeCatalog.WEBHOOK_ENABLED)).isPresent();
        assertThat(EventTypeCatalog.isServiceType("dev.webhooks.webhook.disabled")).isTrue();
        assertThat(EventTypeCatalog.isServiceType("com.qlik.v1.app.created")).isFalse();
    }
}
