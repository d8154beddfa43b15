package dev.webhooks.adapters.rest.error;

import dev.webhooks.domain.AccessDeniedException;
import dev.webhooks.domain.DomainException;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.NotFoundException;
import dev.webhooks.domain.webhook.ConcurrentUpdateException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Typed domain errors become 400, 403, 404 or 409 with their stable code. */
public final class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException exception) {
        return ErrorResponses.of(statusOf(exception), exception.code(), exception.detail());
    }

    private static Response.Status statusOf(DomainException exception) {
        if (exception instanceof InvalidInputException) {
            return Response.Status.BAD_REQUEST;
        }
        if (exception instanceof NotFoundException) {
            return Response.Status.NOT_FOUND;
        }
        if (exception instanceof AccessDeniedException) {
            return Response.Status.FORBIDDEN;
        }
        if (exception instanceof ConcurrentUpdateException) {
            return Response.Status.CONFLICT;
        }
        return Response.Status.BAD_REQUEST;
    }
}
