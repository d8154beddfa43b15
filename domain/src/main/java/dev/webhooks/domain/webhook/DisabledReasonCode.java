package dev.webhooks.domain.webhook;

/**
 * Why the service or an operator (not the owner) switched a webhook off: the API's {@code disabledReasonCode}. The one
 * list of codes: the API, the README and the OpenAPI document take theirs from here.
 */
public enum DisabledReasonCode {
    GONE("the receiver answered 410 Gone"),
    CONSECUTIVE_FAILURES("`delivery.autoDisableAfterConsecutiveFailures` deliveries in a row failed for good (off by default)"),
    FAILING_TOO_LONG("every attempt has failed for `delivery.autoDisableAfterFailingFor` (default 5 days)"),
    SECRET_UNREADABLE("the webhook's secret or encrypted headers cannot be decrypted with the configured keys"
            + " (`WEBHOOKS_ENCRYPTION_KEY` lost a key still in use); its deliveries wait"),
    DISABLED_BY_OPERATOR("an operator ran the `disable-webhook` admin task (the reason given becomes `disabledReason`)");

    private final String when;

    DisabledReasonCode(String when) {
        this.when = when;
    }

    /** When the code is given, as the documentation says it. */
    public String when() {
        return when;
    }
}
