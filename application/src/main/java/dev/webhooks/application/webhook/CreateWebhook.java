package dev.webhooks.application.webhook;

import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookAccess;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;

/** Creates a webhook owned by the caller (or, for a TenantAdmin, by the user it names). */
public final class CreateWebhook {
    private final WebhookRepository repository;
    private final WebhookRules rules;
    private final Clock clock;
    private final int ownerQuota;

    public CreateWebhook(WebhookRepository repository, WebhookRules rules, Clock clock, int ownerQuota) {
        this.repository = repository;
        this.rules = rules;
        this.clock = clock;
        this.ownerQuota = ownerQuota;
    }

    public Webhook create(Caller caller, WebhookInput input) {
        WebhookDefinition definition = input.toDefinition(caller.userId(), Origin.API);
        WebhookAccess.checkMayDefine(caller, definition);
        rules.check(definition);
        Webhook webhook = Webhook.create(WebhookId.random(), caller.tenantId(), definition, caller.userId(), clock.instant());
        repository.insert(webhook, ownerQuota);
        return webhook;
    }
}
