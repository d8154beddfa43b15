package dev.webhooks.domain.webhook;

import java.util.Objects;

/** Why the service or an operator (not the owner) switched a webhook off: a stable code and a sentence for humans. */
public record DisabledReason(DisabledReasonCode code, String message) {
    public DisabledReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
