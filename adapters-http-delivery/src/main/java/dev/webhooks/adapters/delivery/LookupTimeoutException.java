package dev.webhooks.adapters.delivery;

import java.net.UnknownHostException;

/** A DNS lookup of a target did not finish within its timeout; an {@link UnknownHostException} like other lookup failures. */
final class LookupTimeoutException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    LookupTimeoutException(String message) {
        super(message);
    }
}
