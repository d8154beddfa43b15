package dev.webhooks.adapters.rest.auth;

/**
 * An API request without a bearer token that can be trusted; the message says why without repeating the token. The
 * error package turns it into the 401 answer, as it does every other error.
 */
public final class NotAuthenticatedException extends RuntimeException {
    public NotAuthenticatedException(String reason) {
        super(reason);
    }
}
