package dev.webhooks.domain;

import java.util.Objects;

/** Base of every typed domain error; carries a stable {@link ErrorCode} and a human-readable detail. */
public abstract class DomainException extends RuntimeException {
    private final ErrorCode code;

    protected DomainException(ErrorCode code, String detail) {
        super(detail);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
