package dev.webhooks.application.webhook;

import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookSort;
import java.util.Optional;

/** Lists the webhooks the caller may see, filtered, sorted and keyset-paginated. */
public final class ListWebhooks {
    private final WebhookRepository repository;

    public ListWebhooks(WebhookRepository repository) {
        this.repository = repository;
    }

    /** The filters of {@code query} narrow the list; its tenant and visibility are replaced by the caller's. */
    public Page<Webhook> list(Caller caller, WebhookQuery query, WebhookSort sort, PageRequest page) {
        Optional<String> visibleOnlyTo = caller.isTenantAdmin() ? Optional.empty() : Optional.of(caller.userId());
        WebhookQuery scoped = new WebhookQuery(caller.tenantId(), visibleOnlyTo, query.createdByUserId(), query.enabled(),
                query.eventTypes(), query.level(), query.name(), query.url(), query.origins(), query.ownerId(),
                query.updatedByUserId());
        return repository.list(scoped, sort, page);
    }
}
