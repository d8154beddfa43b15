package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.NotFoundException;

/** No webhook with this id is visible to the caller. */
public class WebhookNotFoundException extends NotFoundException {
    public WebhookNotFoundException(String id) {
        super(ErrorCode.WEBHOOK_NOT_FOUND, "no webhook with id '" + abbreviate(id) + "'");
    }

    private static String abbreviate(String id) {
        String text = id == null ? "" : id;
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
