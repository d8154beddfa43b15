package dev.webhooks.application.webhook;

import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookNotFoundException;

/** Deletes a webhook the caller may see, with its delivery history. */
public final class DeleteWebhook {
    private final WebhookRepository repository;
    private final GetWebhook getWebhook;

    public DeleteWebhook(WebhookRepository repository) {
        this.repository = repository;
        this.getWebhook = new GetWebhook(repository);
    }

    public void delete(Caller caller, String id) {
        Webhook webhook = getWebhook.get(caller, id);
        if (!repository.delete(webhook.tenantId(), webhook.id())) {
            throw new WebhookNotFoundException(id);
        }
    }
}
