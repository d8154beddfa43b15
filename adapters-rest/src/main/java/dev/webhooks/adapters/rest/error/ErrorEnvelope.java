package dev.webhooks.adapters.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The reference's error body: {@code {"errors":[{"code","title","detail"}],"traceId"}}. */
public record ErrorEnvelope(List<Error> errors, String traceId) {

    /** One error of the envelope. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String title, String detail) {
    }
}
