package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Jersey's own answers (unknown route, wrong method, media types, …) in the reference envelope. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
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
                ErrorResponses.of(statusType, status == 400 ? ErrorCode.MALFORMED_JSON : ErrorResponses.codeFor(status), detail(original)));
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
