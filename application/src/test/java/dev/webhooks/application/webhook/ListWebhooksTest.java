package dev.webhooks.application.webhook;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookSort;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Listing webhooks: only the caller's tenant and what the caller may see, narrowed by the client's filters. */
class ListWebhooksTest {
    private static final WebhookSort BY_NAME = WebhookSort.parse("name");

    private final InMemoryWebhookRepository repository = new InMemoryWebhookRepository();
    private final ListWebhooks list = new ListWebhooks(repository);

    private Webhook stored(String tenant, Consumer<WebhookDefinition.Builder> customize) {
        Webhook webhook = WebhookFixtures.webhook(tenant, customize);
        repository.insert(webhook, 150);
        return webhook;
    }

    /** What a client asks for: no filters, here in the name of whichever tenant it likes. */
    private static WebhookQuery query(String tenant, Optional<Boolean> enabled) {
        return new WebhookQuery(tenant, Optional.empty(), Optional.empty(), enabled, Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void aTenantAdminListsEveryWebhookOfItsTenantAndNoOther() {
        Webhook tenantWide = stored("acme", b -> b.name = "a");
        Webhook alices = stored("acme", b -> {
            b.name = "b";
            b.level = Level.USER;
        });
        stored("globex", b -> b.name = "c");

        Page<Webhook> page = list.list(ADMIN, query("globex", Optional.empty()), BY_NAME, PageRequest.first(20));

        assertThat(page.items()).containsExactly(tenantWide, alices);
    }

    @Test
    void aUserListsOnlyTheUserLevelWebhooksItOwns() {
        Webhook alices = stored("acme", b -> b.level = Level.USER);
        stored("acme", b -> b.ownerId = "alice"); // tenant-level, though alice owns it
        stored("acme", b -> {
            b.level = Level.USER;
            b.ownerId = "bob";
        });

        assertThat(list.list(ALICE, query("acme", Optional.empty()), BY_NAME, PageRequest.first(20)).items())
                .containsExactly(alices);
    }

    @Test
    void theClientsFiltersSortAndPagesStillApply() {
        Webhook a = stored("acme", b -> b.name = "a");
        stored("acme", b -> {
            b.name = "b";
            b.enabled = false;
        });
        Webhook c = stored("acme", b -> b.name = "c");
        Webhook d = stored("acme", b -> b.name = "d");

        Page<Webhook> first = list.list(ADMIN, query("acme", Optional.of(true)), BY_NAME, PageRequest.first(2));
        Page<Webhook> second = list.list(ADMIN, query("acme", Optional.of(true)), BY_NAME, new PageRequest(2, first.next()));

        assertThat(first.items()).containsExactly(a, c);
        assertThat(first.prev()).isEmpty();
        assertThat(second.items()).containsExactly(d);
        assertThat(second.next()).isEmpty();
        assertThat(list.list(ADMIN, query("acme", Optional.empty()), WebhookSort.parse("-name"), PageRequest.first(1)).items())
                .containsExactly(d);
    }

    @Test
    void anotherTenantsAdminSeesNothingOfThisTenant() {
        stored("acme", b -> { });

        assertThat(list.list(OTHER_ADMIN, query("acme", Optional.empty()), BY_NAME, PageRequest.first(20)).items()).isEmpty();
    }
}
