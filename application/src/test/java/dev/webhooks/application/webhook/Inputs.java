package dev.webhooks.application.webhook;

import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.WebhookDefinition;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Webhook input as a client sends it, for the webhook use-case tests: the shared fixture's name, URL and event types,
 * every other field omitted (so it takes its default) unless a test sets it.
 */
final class Inputs {
    private Inputs() {
    }

    /** The fields of a {@link WebhookInput}; null means omitted. */
    static final class Fields {
        String name;
        String description;
        String url;
        String level;
        String ownerId;
        List<String> eventTypes;
        String filter;
        Map<String, String> headers;
        Map<String, String> encryptedHeaders;
        String secret;
        Boolean enabled;
        Boolean enableCloudEventDelivery;
        Boolean checkCertificateRevocation;
        String origin;
        Object maxDeliveriesPerSecond;
        Boolean orderedDelivery;
    }

    static WebhookInput minimal() {
        return input(fields -> { });
    }

    static WebhookInput input(Consumer<Fields> customize) {
        WebhookDefinition valid = WebhookFixtures.definition().build();
        Fields fields = new Fields();
        fields.name = valid.name();
        fields.url = valid.url().value();
        fields.eventTypes = valid.eventTypes();
        customize.accept(fields);
        return new WebhookInput(fields.name, fields.description, fields.url, fields.level, fields.ownerId, fields.eventTypes,
                fields.filter, fields.headers, fields.encryptedHeaders, fields.secret, fields.enabled,
                fields.enableCloudEventDelivery, fields.checkCertificateRevocation, fields.origin,
                fields.maxDeliveriesPerSecond, fields.orderedDelivery);
    }
}
