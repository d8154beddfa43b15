package dev.webhooks.domain.delivery;

/** Why an attempt brought back no answer to judge, as the sender (or the engine, before sending) observed it. */
public enum AttemptFailure {
    /** No answer within the attempt timeout. */
    TIMEOUT,
    /** The connection could not be set up within the connect timeout. */
    CONNECT_TIMEOUT,
    /** The target refused the connection. */
    CONNECTION_REFUSED,
    /** The connection was reset or closed before an answer came. */
    CONNECTION_RESET,
    /** The TLS handshake failed: certificate, host name, revocation or protocol. */
    TLS_FAILURE,
    /** The target's host name could not be resolved. */
    UNRESOLVED_HOST,
    /** Any other network or protocol error (no route, an answer that is not HTTP). */
    NETWORK_ERROR,
    /** Not sent: the target's recent attempts all went unanswered, so its circuit is open. */
    CIRCUIT_OPEN,
    /** Not sent: the target may not be called (a private or local address, a scheme not allowed). */
    TARGET_REFUSED,
    /** Not sent: the webhook's secret or encrypted headers cannot be decrypted with the configured keys. */
    SECRET_UNREADABLE
}
