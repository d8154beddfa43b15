package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** Jersey's own answers (unknown route, wrong method, media types, …) in the reference envelope. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Map<Integer, ErrorCode> CODES = Map.of(
            400, ErrorCode.MALFORMED_JSON,
            401, ErrorCode.UNAUTHORIZED,
            403, ErrorCode.FORBIDDEN,
            404, ErrorCode.NOT_FOUND,
            405, ErrorCode.METHOD_NOT_ALLOWED,
            406, ErrorCode.NOT_ACCEPTABLE,
            413, ErrorCode.PAYLOAD_TOO_LARGE,
            415, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            429, ErrorCode.RATE_LIMITED,
            503, ErrorCode.SERVICE_UNAVAILABLE);

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (original.hasEntity() && original.getEntity() instanceof ErrorEnvelope) {
            return original; // already in the envelope (for example from BodySizeLimit)
        }
        if (status >= 500) {
            return UnexpectedExceptionMapper.internalError(exception);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status) : original.getStatusInfo();
        Response.ResponseBuilder answer = Response.fromResponse(
                ErrorResponses.of(statusType, CODES.getOrDefault(status, ErrorCode.VALIDATION_FAILED), detail(original)));
        copyHeader(original, answer, HttpHeaders.ALLOW);
        copyHeader(original, answer, HttpHeaders.RETRY_AFTER);
        return answer.build();
    }

    private static String detail(Response original) {
        return switch (original.getStatus()) {
            case 400 -> "the request could not be read";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource; Allow: " + original.getHeaderString(HttpHeaders.ALLOW);
            case 406 -> "only application/json responses are available";
            case 413 -> "the request body is too large";
            case 415 -> "the request body must be application/json";
            default -> "the request was refused";
        };
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }
}
