package dev.webhooks.domain;

/** The caller sent something that breaks a rule; the detail says which field and why. */
public class InvalidInputException extends DomainException {
    public InvalidInputException(ErrorCode code, String detail) {
        super(code, detail);
    }

    public static InvalidInputException field(String field, String problem) {
        return new InvalidInputException(ErrorCode.VALIDATION_FAILED, "'" + field + "' " + problem);
    }
}
