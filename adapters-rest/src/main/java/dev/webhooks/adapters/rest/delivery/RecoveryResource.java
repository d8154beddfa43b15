package dev.webhooks.adapters.rest.delivery;

import com.codahale.metrics.annotation.Timed;
import dev.webhooks.adapters.rest.auth.CallerPrincipal;
import dev.webhooks.application.delivery.RecoverFailedDeliveries;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Extension: a tenant sends again the failed deliveries of one webhook in a time window. */
@Path("/api/v1/webhooks/{id}/actions/recover")
@Produces(MediaType.APPLICATION_JSON)
public final class RecoveryResource {
    private final RecoverFailedDeliveries recoverFailedDeliveries;

    public RecoveryResource(RecoverFailedDeliveries recoverFailedDeliveries) {
        this.recoverFailedDeliveries = recoverFailedDeliveries;
    }

    /** The window to recover, as RFC 3339 timestamps; {@code until} is optional. */
    public record RecoverRequest(String since, String until) {
    }

    /** How many deliveries the request queued. */
    public record RecoverResponse(int queued) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "api.webhooks.recover", absolute = true)
    public Response recover(@Context SecurityContext security, @PathParam("id") String id, RecoverRequest request) {
        if (request == null) {
            throw new InvalidInputException(ErrorCode.MALFORMED_JSON, "a JSON request body with 'since' is required");
        }
        int queued = recoverFailedDeliveries.recover(CallerPrincipal.of(security), id, request.since(), request.until());
        return Response.accepted(new RecoverResponse(queued)).build();
    }
}
