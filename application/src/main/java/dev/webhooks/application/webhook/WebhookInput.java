package dev.webhooks.application.webhook;

import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.webhook.DeliveryRate;
import dev.webhooks.domain.webhook.HeaderMap;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.util.List;
import java.util.Map;

/**
 * The writable fields of a webhook as a client sent them (create or full replace); null means omitted, and
 * omitted fields take their documented defaults. {@code maxDeliveriesPerSecond} is the JSON value as read (checked to
 * be a whole number in range when the definition is built).
 */
public record WebhookInput(
        String name,
        String description,
        String url,
        String level,
        String ownerId,
        List<String> eventTypes,
        String filter,
        Map<String, String> headers,
        Map<String, String> encryptedHeaders,
        String secret,
        Boolean enabled,
        Boolean enableCloudEventDelivery,
        Boolean checkCertificateRevocation,
        String origin,
        Object maxDeliveriesPerSecond,
        Boolean orderedDelivery) {

    /** The definition this input describes; {@code ownerId} and {@code origin} fall back to the given values. */
    WebhookDefinition toDefinition(String fallbackOwnerId, Origin fallbackOrigin) {
        WebhookDefinition.Builder builder = new WebhookDefinition.Builder();
        builder.name = name;
        builder.description = description;
        builder.url = new WebhookUrl(url);
        builder.level = level == null ? Level.TENANT : Level.fromWireName("level", level);
        builder.ownerId = ownerId == null ? fallbackOwnerId : ownerId;
        builder.eventTypes = eventTypes;
        builder.filter = filter == null || filter.isBlank() ? null : Filter.parse(filter);
        builder.headers = headers == null ? HeaderMap.EMPTY : new HeaderMap("headers", headers);
        builder.encryptedHeaders = encryptedHeaders == null ? HeaderMap.EMPTY : new HeaderMap("encryptedHeaders", encryptedHeaders);
        builder.secret = secret == null || secret.isEmpty() ? null : new Secret(secret);
        builder.enabled = Boolean.TRUE.equals(enabled);
        builder.enableCloudEventDelivery = enableCloudEventDelivery == null || enableCloudEventDelivery;
        builder.checkCertificateRevocation = Boolean.TRUE.equals(checkCertificateRevocation);
        builder.origin = origin == null ? fallbackOrigin : Origin.fromWireName("origin", origin);
        builder.maxDeliveriesPerSecond = DeliveryRate.fromJson(maxDeliveriesPerSecond);
        builder.orderedDelivery = Boolean.TRUE.equals(orderedDelivery);
        return builder.build();
    }

    @Override
    public String toString() {
        return "WebhookInput[name=" + name + ", url=" + url + ", level=" + level + "]";
    }
}
