package dev.webhooks.adapters.rest.webhook;

import java.util.List;

/** A page of webhooks with its links. */
public record WebhookListResponse(List<WebhookResponse> data, Links links) {
}
