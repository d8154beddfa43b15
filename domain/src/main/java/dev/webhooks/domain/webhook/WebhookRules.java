package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;

/** The rules a webhook definition must meet in this deployment: known event types and an acceptable URL. */
public record WebhookRules(EventTypeCatalog catalog, TargetPolicy targetPolicy) {

    public void check(WebhookDefinition definition) {
        targetPolicy.check(definition.url());
        for (String name : definition.eventTypes()) {
            EventType type = catalog.find(name).orElseThrow(() -> new InvalidInputException(ErrorCode.UNKNOWN_EVENT_TYPE,
                    "'eventTypes' contains the unknown event type '" + name + "'; see GET /api/v1/webhooks/event-types"));
            if (!type.supports(definition.level())) {
                throw new InvalidInputException(ErrorCode.UNKNOWN_EVENT_TYPE,
                        "the event type '" + name + "' is not offered for " + definition.level().wireName() + "-level webhooks");
            }
        }
    }
}
