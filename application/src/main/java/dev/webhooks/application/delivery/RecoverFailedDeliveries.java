package dev.webhooks.application.delivery;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.delivery.RecoveryWindow;
import dev.webhooks.domain.port.DeliveryHistory;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A tenant sends again every delivery of one of its webhooks that failed for good in a time window, as new deliveries
 * with the original bodies (the same access as a resend: whoever sees the webhook). At most
 * {@link RecoveryWindow#MAX_DELIVERIES} per request, oldest first; the same request repeated within a minute queues
 * nothing and gets the first answer.
 */
public final class RecoverFailedDeliveries {
    private final GetWebhook getWebhook;
    private final DeliveryHistory history;
    private final Clock clock;
    private final Duration retention;

    public RecoverFailedDeliveries(GetWebhook getWebhook, DeliveryHistory history, Clock clock, Duration retention) {
        this.getWebhook = getWebhook;
        this.history = history;
        this.clock = clock;
        this.retention = retention;
    }

    /** Returns how many deliveries were queued (by this request, or by the same one made less than a minute ago). */
    public int recover(Caller caller, String webhookId, String since, String until) {
        Webhook webhook = getWebhook.get(caller, webhookId);
        Instant now = clock.instant();
        RecoveryWindow window = RecoveryWindow.requested(since, until, now, retention);
        String requestKey = webhook.tenantId() + '\0' + webhook.id() + '\0' + window.requested();
        return history.recoverFailed(webhook.tenantId(), webhook.id(), window, requestKey, now, RecoveryWindow.MAX_DELIVERIES);
    }
}
