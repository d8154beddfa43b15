package dev.webhooks.application.webhook;

import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookAccess;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookNotFoundException;

/** Returns one webhook the caller may see; anything else, including other tenants' ids, is not found. */
public final class GetWebhook {
    private final WebhookRepository repository;

    public GetWebhook(WebhookRepository repository) {
        this.repository = repository;
    }

    public Webhook get(Caller caller, String id) {
        return WebhookId.parse(id)
                .flatMap(webhookId -> repository.findById(caller.tenantId(), webhookId))
                .filter(webhook -> WebhookAccess.canSee(caller, webhook))
                .orElseThrow(() -> new WebhookNotFoundException(id));
    }
}
