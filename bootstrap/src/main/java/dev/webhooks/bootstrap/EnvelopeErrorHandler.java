package dev.webhooks.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.adapters.rest.error.ErrorResponses;
import dev.webhooks.adapters.rest.error.RequestTracing;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty answers by itself in the reference envelope, so that every error of the service has one
 * shape whichever layer refused the request: requests its parser rejects (400 bad syntax or framing, 414 and 431 too
 * long, an unknown HTTP version), {@code Expect} values it does not support (417), methods Dropwizard's filter refuses
 * (405), and statuses Jersey sends without an entity (a header it cannot parse). Jetty's own handler answers in HTML
 * or its own JSON, and only for GET, POST and HEAD.
 *
 * <p>Jetty answers an unknown HTTP version with 505; this answers 400 instead, because the service keeps 5xx for its
 * own failures, so that alerting on 5xx is not set off by clients sending garbage.
 */
final class EnvelopeErrorHandler extends ErrorHandler {
    private static final Map<Integer, String> DETAILS = Map.of(
            400, "the request is not valid HTTP: its request line, a header or its framing is malformed",
            404, "no such resource",
            405, "this method is not allowed",
            413, "the request body is too large",
            414, "the request line is too long",
            417, "the Expect header asks for something this server does not do",
            431, "the request headers are too large",
            505, "this HTTP version is not supported; use HTTP/1.1");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) throws JsonProcessingException {
        int answered = status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : status;
        byte[] body = json.writeValueAsBytes(ErrorResponses.envelope(answered, detail(status, message), traceIdOf(request)));
        response.setStatus(answered);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Jetty's reason when it says more than the status (e.g. "Ambiguous URI path separator"); never for a 5xx. */
    private static String detail(int status, String message) {
        if (status >= 500 && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            return "an unexpected error occurred; quote the traceId when reporting it";
        }
        String known = DETAILS.getOrDefault(status, "the request was refused");
        boolean saysMore = message != null && !message.isBlank() && !message.equalsIgnoreCase(HttpStatus.getMessage(status));
        return saysMore ? known + " (" + abbreviate(message) + ")" : known;
    }

    private static String traceIdOf(Request request) {
        return request.getAttribute(RequestTracing.TRACE_ID) instanceof String traceId ? traceId : null;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
