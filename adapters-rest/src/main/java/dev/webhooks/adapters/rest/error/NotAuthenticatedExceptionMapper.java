package dev.webhooks.adapters.rest.error;

import dev.webhooks.adapters.rest.auth.NotAuthenticatedException;
import dev.webhooks.domain.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A request the bearer-token filter refused becomes 401 {@code UNAUTHORIZED}, with the challenge clients expect. */
public final class NotAuthenticatedExceptionMapper implements ExceptionMapper<NotAuthenticatedException> {
    @Override
    public Response toResponse(NotAuthenticatedException exception) {
        return Response.fromResponse(ErrorResponses.of(Response.Status.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, exception.getMessage()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
