package dev.webhooks.adapters.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A webhook as the reference returns it, plus the extensions {@code previousSecretExpiresAt} (absent unless a replaced
 * secret still signs), {@code maxDeliveriesPerSecond} (absent when there is no limit) and {@code orderedDelivery}
 * (always present). It never carries a secret or encrypted header values: only {@code secretKeyAdded} and the
 * encrypted headers' names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(
        String id,
        String url,
        String name,
        String level,
        String filter,
        boolean enabled,
        Map<String, String> headers,
        String ownerId,
        String createdAt,
        String updatedAt,
        List<String> eventTypes,
        String description,
        String disabledReason,
        boolean secretKeyAdded,
        String createdByUserId,
        String updatedByUserId,
        List<String> encryptedHeaders,
        String disabledReasonCode,
        boolean enableCloudEventDelivery,
        boolean checkCertificateRevocation,
        String origin,
        String previousSecretExpiresAt,
        Integer maxDeliveriesPerSecond,
        boolean orderedDelivery) {

    public static WebhookResponse from(Webhook webhook, Instant now) {
        WebhookDefinition d = webhook.definition();
        return new WebhookResponse(
                webhook.id().toString(),
                d.url().value(),
                d.name(),
                d.level().wireName(),
                d.filterIfAny().map(filter -> filter.text()).orElse(null),
                d.enabled(),
                d.headers().values(),
                d.ownerId(),
                timestamp(webhook.createdAt()),
                timestamp(webhook.updatedAt()),
                d.eventTypes(),
                d.description(),
                webhook.disabledReason() == null ? null : webhook.disabledReason().message(),
                webhook.secretKeyAdded(),
                webhook.createdByUserId(),
                webhook.updatedByUserId(),
                List.copyOf(d.encryptedHeaders().names()),
                webhook.disabledReason() == null ? null : webhook.disabledReason().code().name(),
                d.enableCloudEventDelivery(),
                d.checkCertificateRevocation(),
                d.origin().wireName(),
                webhook.previousSecretExpiresAt(now).map(WebhookResponse::timestamp).orElse(null),
                d.rateLimit().map(DeliveryRate::perSecond).orElse(null),
                d.orderedDelivery());
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
