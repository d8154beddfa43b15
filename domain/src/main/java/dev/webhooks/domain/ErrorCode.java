package dev.webhooks.domain;

/**
 * Stable, documented codes for every kind of error the service reports. The REST adapter maps each
 * exception type to an HTTP status; the code tells clients precisely what went wrong.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    INVALID_FILTER,
    UNKNOWN_EVENT_TYPE,
    INVALID_QUERY_PARAMETER,
    INVALID_CURSOR,
    INVALID_PATCH,
    MALFORMED_JSON,
    INVALID_REQUEST,
    INVALID_EVENT,
    CLOUD_EVENT_DELIVERY_LOCKED,
    ENCRYPTED_HEADERS_REQUIRED,
    UNAUTHORIZED,
    FORBIDDEN,
    WEBHOOK_QUOTA_EXCEEDED,
    WEBHOOK_NOT_FOUND,
    CONCURRENT_UPDATE,
    DELIVERY_NOT_FOUND,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    UNSUPPORTED_MEDIA_TYPE,
    PAYLOAD_TOO_LARGE,
    RATE_LIMITED,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR
}
