package dev.webhooks.domain;

/** The caller is known but not allowed to do this. */
public class AccessDeniedException extends DomainException {
    public AccessDeniedException(ErrorCode code, String detail) {
        super(code, detail);
    }

    public AccessDeniedException(String detail) {
        this(ErrorCode.FORBIDDEN, detail);
    }
}
