package dev.webhooks.domain.delivery;

import dev.webhooks.domain.signature.QlikSignature;
import dev.webhooks.domain.signature.StandardWebhooksSignature;
import dev.webhooks.domain.webhook.Secret;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request for one attempt of a delivery with the webhook's current URL, headers and secret, and the same
 * headers as the history shows them (encrypted header values replaced by {@value RecordedAttempt#OMITTED}).
 * Signed with {@code Qlik-Signature} and the Standard Webhooks headers when the webhook has a secret; during a secret
 * rotation's grace period {@code webhook-signature} carries a second signature, made with the previous secret, so a
 * receiver still holding that one keeps verifying ({@code Qlik-Signature} holds one value: the new secret's).
 */
public record OutgoingRequest(DeliveryRequest request, Map<String, String> recordedHeaders) {

    public static OutgoingRequest of(Delivery delivery, Webhook webhook, Instant now, Duration timeout) {
        WebhookDefinition definition = webhook.definition();
        Map<String, String> sent = new LinkedHashMap<>(definition.headers().values());
        Map<String, String> recorded = new LinkedHashMap<>(definition.headers().values());
        definition.encryptedHeaders().values().forEach((name, value) -> {
            sent.put(name, value);
            recorded.put(name, RecordedAttempt.OMITTED);
        });
        Map<String, String> signatures = signatures(delivery, definition.secretIfAny().orElse(null),
                webhook.previousSecretAt(now), now);
        sent.putAll(signatures);
        recorded.putAll(signatures);
        delivery.traceparent().ifPresent(trace -> {
            sent.put("traceparent", trace);
            recorded.put("traceparent", trace);
        });
        DeliveryRequest request = new DeliveryRequest(delivery.id().toString(), definition.url().value(), delivery.body(),
                sent, definition.checkCertificateRevocation(), timeout);
        return new OutgoingRequest(request, recorded);
    }

    private static Map<String, String> signatures(Delivery delivery, Secret secret, Optional<Secret> previous, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        String messageId = delivery.id().toString();
        long timestamp = now.getEpochSecond();
        headers.put(StandardWebhooksSignature.HEADER_ID, messageId);
        headers.put(StandardWebhooksSignature.HEADER_TIMESTAMP, Long.toString(timestamp));
        if (secret != null) {
            headers.put(QlikSignature.HEADER, QlikSignature.sign(delivery.body(), secret.reveal()));
            String signature = StandardWebhooksSignature.sign(messageId, timestamp, delivery.body(), secret.keyBytes());
            String previousSignature = previous.map(old -> " " + StandardWebhooksSignature.sign(messageId, timestamp,
                    delivery.body(), old.keyBytes())).orElse("");
            headers.put(StandardWebhooksSignature.HEADER_SIGNATURE, signature + previousSignature);
        }
        return headers;
    }
}
