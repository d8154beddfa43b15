package dev.webhooks.application.webhook;

import dev.webhooks.application.event.AnnounceWebhookStatus;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.PatchOperation;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookPatch;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Applies JSON Patch operations to a webhook, all or nothing. */
public final class PatchWebhook {
    private final ChangeWebhook change;

    public PatchWebhook(WebhookRepository repository, WebhookRules rules, Clock clock, int ownerQuota,
                         Duration secretRotationGrace, AnnounceWebhookStatus announce) {
        this.change = new ChangeWebhook(repository, rules, clock, ownerQuota, secretRotationGrace, announce);
    }

    public Webhook patch(Caller caller, String id, List<PatchOperation> operations) {
        WebhookPatch patch = new WebhookPatch(operations);
        return change.change(caller, id, current -> patch.applyTo(current.definition()));
    }
}
