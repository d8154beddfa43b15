package dev.webhooks.adapters.rest.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/** A body that is not JSON, or JSON of the wrong shape: 400 naming the field, never a Java type name. */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, ErrorCode.MALFORMED_JSON, detail(exception));
    }

    private static String detail(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).substring(1);
            String expected = mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? " must be " + jsonKind(mismatch.getTargetType()) : " has the wrong type";
            return "'" + field + "'" + expected;
        }
        if (exception instanceof MismatchedInputException) {
            return "the request body must be an object with the fields of the API reference";
        }
        String location = exception.getLocation() == null ? ""
                : " at line " + exception.getLocation().getLineNr() + ", column " + exception.getLocation().getColumnNr();
        return "the request body is not valid JSON" + location;
    }

    private static String jsonKind(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
