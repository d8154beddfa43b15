package dev.webhooks.domain;

/** The resource does not exist, or exists where the caller may not see it (other tenants' ids look absent). */
public class NotFoundException extends DomainException {
    public NotFoundException(ErrorCode code, String detail) {
        super(code, detail);
    }
}
