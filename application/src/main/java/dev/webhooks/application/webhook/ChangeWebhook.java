package dev.webhooks.application.webhook;

import dev.webhooks.application.event.AnnounceWebhookStatus;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookAccess;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookRules;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read-check-write cycle shared by PUT and PATCH: load what the caller may see, derive the next definition,
 * check it, and store it guarded by the version read; a concurrent change makes it start over. A replaced secret keeps
 * signing for {@code secretRotationGrace} next to the new one; switching a disabled webhook on is announced.
 */
final class ChangeWebhook {
    private static final int ATTEMPTS = 5;

    private final WebhookRepository repository;
    private final GetWebhook getWebhook;
    private final WebhookRules rules;
    private final Clock clock;
    private final int ownerQuota;
    private final Duration secretRotationGrace;
    private final AnnounceWebhookStatus announce;

    ChangeWebhook(WebhookRepository repository, WebhookRules rules, Clock clock, int ownerQuota, Duration secretRotationGrace,
                  AnnounceWebhookStatus announce) {
        this.repository = repository;
        this.getWebhook = new GetWebhook(repository);
        this.rules = rules;
        this.clock = clock;
        this.ownerQuota = ownerQuota;
        this.secretRotationGrace = secretRotationGrace;
        this.announce = announce;
    }

    Webhook change(Caller caller, String id, Function<Webhook, WebhookDefinition> nextDefinition) {
        for (int attempt = 1; ; attempt++) {
            Webhook current = getWebhook.get(caller, id);
            WebhookDefinition next = nextDefinition.apply(current);
            WebhookAccess.checkMayDefine(caller, next);
            rules.check(next);
            try {
                Webhook changed = repository.update(current.redefine(next, caller.userId(), clock.instant(), secretRotationGrace),
                        ownerQuota);
                if (!current.enabled() && changed.enabled()) {
                    announce.enabled(changed, Optional.ofNullable(current.disabledReason()), caller.userId());
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
