package dev.webhooks.application.ops;

import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookNotFoundException;
import java.time.Clock;
import java.util.function.Function;

/** Operators switch any webhook off (with a reason, code {@code DISABLED_BY_OPERATOR}) or on again, in any tenant. */
public final class OperateWebhook {
    private static final String OPERATOR = "operator";
    private static final int ATTEMPTS = 5;

    private final WebhookRepository repository;
    private final Clock clock;

    public OperateWebhook(WebhookRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Switches an enabled webhook off; one already off stays as it is. Returns the webhook as it is afterwards. */
    public Webhook disable(String webhookId, String reason) {
        WebhookId id = idOf(webhookId);
        String message = reason == null || reason.isBlank() ? "Disabled by an operator." : reason;
        repository.disable(id, new DisabledReason(DisabledReasonCode.DISABLED_BY_OPERATOR, message), clock.instant());
        return repository.findByIdInAnyTenant(id).orElseThrow(() -> new WebhookNotFoundException(webhookId));
    }

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
                return repository.update(change.apply(current), Integer.MAX_VALUE);
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
