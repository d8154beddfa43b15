package dev.webhooks.adapters.rest.error;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.security.Principal;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import dev.webhooks.adapters.rest.auth.CallerPrincipal;

/**
 * Gives every request a trace id (from a W3C {@code traceparent} header when there is a valid one) and writes one
 * log line per request: method, path, status, duration, user, tenant and trace id; never headers or bodies.
 */
@PreMatching
@Priority(1)
public final class RequestTracing implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String TRACE_ID = "traceId";
    private static final String STARTED = RequestTracing.class.getName() + ".started";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Logger LOG = LoggerFactory.getLogger("dev.webhooks.requests");

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        String traceId = traceIdFrom(request.getHeaderString("traceparent"));
        request.setProperty(TRACE_ID, traceId);
        MDC.put(TRACE_ID, traceId);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long millis = started == null ? 0 : (System.nanoTime() - (long) started) / 1_000_000;
        Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String user = principal instanceof CallerPrincipal caller ? caller.caller().userId() : "-";
        String tenant = principal instanceof CallerPrincipal caller ? caller.caller().tenantId() : "-";
        LOG.info("{} /{} {} {}ms user={} tenant={} traceId={}", request.getMethod(), request.getUriInfo().getPath(),
                response.getStatus(), millis, user, tenant, request.getProperty(TRACE_ID));
        MDC.remove(TRACE_ID);
    }

    private static String traceIdFrom(String traceparent) {
        if (traceparent != null) {
            Matcher matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) {
                return matcher.group(1);
            }
        }
        return UUID.randomUUID().toString().replace("-", "");
    }
}
