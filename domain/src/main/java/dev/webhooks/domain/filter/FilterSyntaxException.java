package dev.webhooks.domain.filter;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;

/** A filter that does not parse; the message says what is wrong and at which 0-based position. */
public class FilterSyntaxException extends InvalidInputException {
    public FilterSyntaxException(String detail) {
        super(ErrorCode.INVALID_FILTER, detail);
    }
}
