package dev.webhooks.application.event;

import dev.webhooks.application.time.Pause;
import dev.webhooks.domain.delivery.WebhookStatusEvents;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.webhook.DisabledReason;
import dev.webhooks.domain.webhook.DisabledWebhook;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Publishes the service's operational events ({@link WebhookStatusEvents}) into a webhook's tenant when the webhook is
 * switched off by the service or an operator, or on again, so the tenant can learn of it through another webhook.
 *
 * <p>The guarantee: the event is published through the normal event log right after the change is committed, not in
 * its transaction. A failed publish is tried again twice, after a pause, so that a short database hiccup does not lose
 * it, and never undoes the change; if the process dies
 * between the commit and the publish, or the database stays unavailable, that one event is lost (the change itself is
 * visible in the webhook's {@code disabledReasonCode}). Its id is derived from the webhook version the change produced,
 * so publishing the same change again (a retry) stores and delivers it once.
 */
public final class AnnounceWebhookStatus {
    private static final System.Logger LOG = System.getLogger(AnnounceWebhookStatus.class.getName());
    /** The pauses before the second and the third try. */
    private static final List<Duration> PAUSES = List.of(Duration.ofMillis(200), Duration.ofSeconds(1));

    private final PublishEvent publishEvent;
    private final Clock clock;

    public AnnounceWebhookStatus(PublishEvent publishEvent, Clock clock) {
        this.publishEvent = publishEvent;
        this.clock = clock;
    }

    public void disabled(DisabledWebhook webhook, DisabledReason reason) {
        publish(WebhookStatusEvents.disabled(webhook, reason, clock.instant()));
    }

    /** {@code enabled} as stored after the change; {@code before} the reason it had been disabled for, if any. */
    public void enabled(Webhook enabled, Optional<DisabledReason> before, String enabledBy) {
        publish(WebhookStatusEvents.enabled(enabled, before, enabledBy, clock.instant()));
    }

    private void publish(CloudEvent event) {
        for (int attempt = 0; ; attempt++) {
            try {
                publishEvent.publish(List.of(event));
                return;
            } catch (RuntimeException e) {
                if (attempt == PAUSES.size() || !Pause.sleep(PAUSES.get(attempt))) {
                    LOG.log(System.Logger.Level.WARNING, "could not publish " + event.type() + " for webhook "
                            + event.source() + " (tenant " + event.tenantId() + "); that event is lost: " + e);
                    return;
                }
            }
        }
    }
}
