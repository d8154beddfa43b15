package dev.webhooks.application.webhook;

import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookAccess;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The read-check-write cycle shared by PUT and PATCH: load what the caller may see, derive the next definition,
 * check it, and store it guarded by the version read; a concurrent change makes it start over. A replaced secret keeps
 * signing for {@code secretRotationGrace} next to the new one.
 */
final class ChangeWebhook {
    private static final int ATTEMPTS = 5;

    private final WebhookRepository repository;
    private final GetWebhook getWebhook;
    private final WebhookRules rules;
    private final Clock clock;
    private final int ownerQuota;
    private final Duration secretRotationGrace;

    ChangeWebhook(WebhookRepository repository, WebhookRules rules, Clock clock, int ownerQuota, Duration secretRotationGrace) {
        this.repository = repository;
        this.getWebhook = new GetWebhook(repository);
        this.rules = rules;
        this.clock = clock;
        this.ownerQuota = ownerQuota;
        this.secretRotationGrace = secretRotationGrace;
    }

    Webhook change(Caller caller, String id, Function<Webhook, WebhookDefinition> nextDefinition) {
        for (int attempt = 1; ; attempt++) {
            Webhook current = getWebhook.get(caller, id);
            WebhookDefinition next = nextDefinition.apply(current);
            WebhookAccess.checkMayDefine(caller, next);
            rules.check(next);
            try {
                return repository.update(current.redefine(next, caller.userId(), clock.instant(), secretRotationGrace), ownerQuota);
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
