package dev.webhooks.application.webhook;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

/** Reading one webhook: visible ones are found, everything else (other tenants', other users', bad ids) is not found. */
class GetWebhookTest {
    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final GetWebhook get = new GetWebhook(repository);

    private Webhook stored(Webhook webhook) {
        repository.insert(webhook, 150);
        return webhook;
    }

    @Test
    void aTenantAdminGetsEveryWebhookOfItsTenant() {
        Webhook tenantWide = stored(WebhookFixtures.webhook("acme"));
        Webhook alices = stored(WebhookFixtures.webhook("acme", b -> b.level = Level.USER));

        assertThat(get.get(ADMIN, tenantWide.id().toString())).isEqualTo(tenantWide);
        assertThat(get.get(ADMIN, alices.id().toString())).isEqualTo(alices);
    }

    @Test
    void aUserGetsOnlyTheUserLevelWebhooksItOwns() {
        Webhook alices = stored(WebhookFixtures.webhook("acme", b -> b.level = Level.USER));
        Webhook ownedButTenantWide = stored(WebhookFixtures.webhook("acme"));

        assertThat(get.get(ALICE, alices.id().toString())).isEqualTo(alices);
        assertRefused(() -> get.get(BOB, alices.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> get.get(ALICE, ownedButTenantWide.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
    }

    @Test
    void anotherTenantsWebhookLooksAbsentEvenToItsAdmin() {
        Webhook acmes = stored(WebhookFixtures.webhook("acme"));

        assertRefused(() -> get.get(OTHER_ADMIN, acmes.id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
    }

    @Test
    void anIdThatIsNoWebhooksIsNotFoundAndQuotedShort() {
        stored(WebhookFixtures.webhook("acme"));

        assertRefused(() -> get.get(ADMIN, "not-a-uuid"), ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> get.get(ADMIN, WebhookFixtures.webhook("acme").id().toString()), ErrorCode.WEBHOOK_NOT_FOUND);
        String longId = "x".repeat(500);
        assertThat(assertRefused(() -> get.get(ADMIN, longId), ErrorCode.WEBHOOK_NOT_FOUND).detail()).hasSizeLessThan(100);
    }
}
