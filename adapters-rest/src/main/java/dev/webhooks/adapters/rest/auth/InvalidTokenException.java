package dev.webhooks.adapters.rest.auth;

/** A bearer token that cannot be trusted; the message says why without repeating the token. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String reason) {
        super(reason);
    }
}
