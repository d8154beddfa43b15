package dev.webhooks.application.webhook;

import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookSort;

/** Lists the webhooks the caller may see, filtered, sorted and keyset-paginated. */
public final class ListWebhooks {
    private final WebhookRepository repository;

    public ListWebhooks(WebhookRepository repository) {
        this.repository = repository;
    }

    /** The filters of {@code query} narrow the list; its tenant and visibility are replaced by the caller's. */
    public Page<Webhook> list(Caller caller, WebhookQuery query, WebhookSort sort, PageRequest page) {
        return repository.list(query.scopedTo(caller), sort, page);
    }
}
