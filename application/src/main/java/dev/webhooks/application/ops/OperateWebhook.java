package dev.webhooks.application.ops;

import dev.webhooks.application.event.AnnounceWebhookStatus;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookNotFoundException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Operators switch any webhook off (with a reason, code {@code DISABLED_BY_OPERATOR}) or on again, in any tenant; either
 * change is announced into the webhook's tenant.
 */
public final class OperateWebhook {
    private static final String OPERATOR = "operator";
    private static final int ATTEMPTS = 5;

    private final WebhookRepository repository;
    private final Clock clock;
    private final AnnounceWebhookStatus announce;

    public OperateWebhook(WebhookRepository repository, Clock clock, AnnounceWebhookStatus announce) {
        this.repository = repository;
        this.clock = clock;
        this.announce = announce;
    }

    /** Switches an enabled webhook off; one already off stays as it is. Returns the webhook as it is afterwards. */
    public Webhook disable(String webhookId, String reason) {
        WebhookId id = idOf(webhookId);
        String message = reason == null || reason.isBlank() ? "Disabled by an operator." : reason;
        DisabledReason byOperator = new DisabledReason(DisabledReasonCode.DISABLED_BY_OPERATOR, message);
        repository.disable(id, byOperator, clock.instant()).ifPresent(disabled -> announce.disabled(disabled, byOperator));
        return repository.findByIdInAnyTenant(id).orElseThrow(() -> new WebhookNotFoundException(webhookId));
    }

    /** Switches a webhook on; announced when it was off. Returns the webhook as it is afterwards. */
    public Webhook enable(String webhookId) {
        return change(webhookId, webhook -> {
            WebhookDefinition.Builder builder = webhook.definition().toBuilder();
            builder.enabled = true;
            return webhook.redefine(builder.build(), OPERATOR, clock.instant());
        });
    }

    private static WebhookId idOf(String webhookId) {
        return WebhookId.parse(webhookId).orElseThrow(() -> new WebhookNotFoundException(webhookId));
    }

    private Webhook change(String webhookId, Function<Webhook, Webhook> change) {
        WebhookId id = idOf(webhookId);
        for (int attempt = 1; ; attempt++) {
            Webhook current = repository.findByIdInAnyTenant(id).orElseThrow(() -> new WebhookNotFoundException(webhookId));
            try {
                Webhook changed = repository.update(change.apply(current), Integer.MAX_VALUE);
                if (!current.enabled() && changed.enabled()) {
                    announce.enabled(changed, Optional.ofNullable(current.disabledReason()), OPERATOR);
                }
                return changed;
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
