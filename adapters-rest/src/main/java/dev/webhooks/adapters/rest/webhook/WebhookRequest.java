package dev.webhooks.adapters.rest.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.webhooks.application.webhook.WebhookInput;
import java.util.List;
import java.util.Map;

/**
 * The body of POST and PUT: the reference's writable webhook fields plus the extensions {@code maxDeliveriesPerSecond}
 * (read as any JSON value, so that "abc" or 1.5 are rejected by the domain rule, not coerced) and
 * {@code orderedDelivery}; read-only and unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookRequest(
        String url,
        String name,
        String level,
        String filter,
        String secret,
        Boolean enabled,
        Map<String, String> headers,
        String ownerId,
        List<String> eventTypes,
        String description,
        Map<String, String> encryptedHeaders,
        Boolean enableCloudEventDelivery,
        Boolean checkCertificateRevocation,
        String origin,
        Object maxDeliveriesPerSecond,
        Boolean orderedDelivery) {

    /** For POST: every field, including {@code origin}. */
    public WebhookInput toCreateInput() {
        return toInput(origin);
    }

    /** For PUT: {@code origin} is not writable after creation. */
    public WebhookInput toReplaceInput() {
        return toInput(null);
    }

    private WebhookInput toInput(String originValue) {
        return new WebhookInput(name, description, url, level, ownerId, eventTypes, filter, headers, encryptedHeaders,
                secret, enabled, enableCloudEventDelivery, checkCertificateRevocation, originValue,
                maxDeliveriesPerSecond, orderedDelivery);
    }

    @Override
    public String toString() {
        return "WebhookRequest[name=" + name + ", url=" + url + "]";
    }
}
