package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.slf4j.MDC;

/** Builds error answers in the reference envelope, carrying the current request's trace id. */
public final class ErrorResponses {
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

    static String currentTraceId() {
        String traceId = MDC.get(RequestTracing.TRACE_ID);
        return traceId == null ? UUID.randomUUID().toString().replace("-", "") : traceId;
    }

    private static String title(Response.StatusType status) {
        return status.getReasonPhrase() == null || status.getReasonPhrase().isEmpty()
                ? "HTTP " + status.getStatusCode() : status.getReasonPhrase();
    }
}
