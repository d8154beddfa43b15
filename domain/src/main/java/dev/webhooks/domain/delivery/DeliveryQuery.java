package dev.webhooks.domain.delivery;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.webhook.WebhookId;
import java.util.Objects;
import java.util.Optional;

/** Which deliveries of one webhook a list returns: optionally one event type and one status (success or fail). */
public record DeliveryQuery(String tenantId, WebhookId webhookId, Optional<String> eventType, Optional<String> status) {
    public DeliveryQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(webhookId, "webhookId");
        if (status.isPresent() && !status.get().equals("success") && !status.get().equals("fail")) {
            throw new InvalidInputException(ErrorCode.INVALID_QUERY_PARAMETER, "'status' must be success or fail");
        }
    }
}
