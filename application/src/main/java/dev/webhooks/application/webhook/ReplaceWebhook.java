package dev.webhooks.application.webhook;

import dev.webhooks.application.event.AnnounceWebhookStatus;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Duration;

/**
 * Replaces a webhook's definition (PUT): omitted fields go back to their defaults, except the owner and the
 * origin, which stay as they are unless given.
 */
public final class ReplaceWebhook {
    private final ChangeWebhook change;

    public ReplaceWebhook(WebhookRepository repository, WebhookRules rules, Clock clock, int ownerQuota,
                         Duration secretRotationGrace, AnnounceWebhookStatus announce) {
        this.change = new ChangeWebhook(repository, rules, clock, ownerQuota, secretRotationGrace, announce);
    }

    public Webhook replace(Caller caller, String id, WebhookInput input) {
        return change.change(caller, id, current -> input.toDefinition(current.ownerId(), current.definition().origin()));
    }
}
