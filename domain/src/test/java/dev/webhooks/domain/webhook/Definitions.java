package dev.webhooks.domain.webhook;

import java.util.List;

/** Test data: a valid definition to start from. */
final class Definitions {
    private Definitions() {
    }

    static WebhookDefinition.Builder valid() {
        WebhookDefinition.Builder builder = new WebhookDefinition.Builder();
        builder.name = "orders";
        builder.url = new WebhookUrl("https://receiver.example.com/hook");
        builder.level = Level.TENANT;
        builder.ownerId = "alice";
        builder.eventTypes = List.of("com.qlik.v1.app.created");
        builder.enableCloudEventDelivery = true;
        builder.origin = Origin.API;
        return builder;
    }
}
