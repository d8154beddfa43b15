package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/** Builds error answers in the reference envelope, carrying the current request's trace id. */
public final class ErrorResponses {
    private static final Map<Integer, ErrorCode> CODES = Map.of(
            401, ErrorCode.UNAUTHORIZED,
            403, ErrorCode.FORBIDDEN,
            404, ErrorCode.NOT_FOUND,
            405, ErrorCode.METHOD_NOT_ALLOWED,
            406, ErrorCode.NOT_ACCEPTABLE,
            413, ErrorCode.PAYLOAD_TOO_LARGE,
            415, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            429, ErrorCode.RATE_LIMITED,
            503, ErrorCode.SERVICE_UNAVAILABLE);

    private ErrorResponses() {
    }

    public static Response of(Response.StatusType status, ErrorCode code, String detail) {
        return Response.status(status.getStatusCode())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(envelope(status, code, detail))
                .build();
    }

    public static ErrorEnvelope envelope(Response.StatusType status, ErrorCode code, String detail) {
        return new ErrorEnvelope(List.of(new ErrorEnvelope.Error(code.name(), title(status), detail)), currentTraceId());
    }

    /**
     * The envelope for an error the HTTP layer answers by status alone (a request Jetty cannot parse, a method
     * Dropwizard refuses), under the trace id of the request when it got one.
     */
    public static ErrorEnvelope envelope(int status, String detail, String traceId) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? title(type) : "HTTP " + status;
        return new ErrorEnvelope(List.of(new ErrorEnvelope.Error(codeFor(status).name(), title, detail)),
                traceId == null ? newTraceId() : traceId);
    }

    /** The code of an error known only by its status; a malformed request unless the status says more. */
    public static ErrorCode codeFor(int status) {
        ErrorCode known = CODES.get(status);
        if (known != null) {
            return known;
        }
        return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
    }

    static String currentTraceId() {
        String traceId = MDC.get(RequestTracing.TRACE_ID);
        return traceId == null ? newTraceId() : traceId;
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String title(Response.StatusType status) {
        return status.getReasonPhrase() == null || status.getReasonPhrase().isEmpty()
                ? "HTTP " + status.getStatusCode() : status.getReasonPhrase();
    }
}
