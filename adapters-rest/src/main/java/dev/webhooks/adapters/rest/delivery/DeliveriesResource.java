package dev.webhooks.adapters.rest.delivery;

import dev.webhooks.adapters.rest.auth.CallerPrincipal;
import dev.webhooks.adapters.rest.webhook.Links;
import dev.webhooks.adapters.rest.webhook.PageParameters;
import dev.webhooks.application.delivery.GetDelivery;
import dev.webhooks.application.delivery.ListDeliveries;
import dev.webhooks.application.delivery.ResendDelivery;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.page.Page;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;

/** The reference's delivery history endpoints under {@code /api/v1/webhooks/{id}/deliveries}. */
@Path("/api/v1/webhooks/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveriesResource {
    private final ListDeliveries listDeliveries;
    private final GetDelivery getDelivery;
    private final ResendDelivery resendDelivery;

    public DeliveriesResource(ListDeliveries listDeliveries, GetDelivery getDelivery, ResendDelivery resendDelivery) {
        this.listDeliveries = listDeliveries;
        this.getDelivery = getDelivery;
        this.resendDelivery = resendDelivery;
    }

    /** A page of deliveries with its links. */
    public record DeliveryListResponse(List<DeliveryResponse> data, Links links) {
    }

    @GET
    @Timed(name = "api.deliveries.list", absolute = true)
    public DeliveryListResponse list(@Context SecurityContext security, @Context UriInfo uri, @PathParam("id") String id) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        DeliverySort sort = DeliverySort.parse(parameters.getFirst("sort"));
        Page<Delivery> page = listDeliveries.list(CallerPrincipal.of(security), id, present(parameters.getFirst("eventType")),
                present(parameters.getFirst("status")), sort, PageParameters.read(parameters, sort.wireName()));
        return new DeliveryListResponse(page.items().stream().map(DeliveryResponse::from).toList(), Links.of(uri, page));
    }

    @GET
    @Path("/{deliveryId}")
    @Timed(name = "api.deliveries.get", absolute = true)
    public DeliveryResponse get(@Context SecurityContext security, @PathParam("id") String id,
                                @PathParam("deliveryId") String deliveryId) {
        return DeliveryResponse.from(getDelivery.get(CallerPrincipal.of(security), id, deliveryId));
    }

    @POST
    @Path("/{deliveryId}/actions/resend")
    @Timed(name = "api.deliveries.resend", absolute = true)
    public Response resend(@Context SecurityContext security, @Context UriInfo uri, @PathParam("id") String id,
                           @PathParam("deliveryId") String deliveryId) {
        Delivery resent = resendDelivery.resend(CallerPrincipal.of(security), id, deliveryId);
        return Response.created(uri.getBaseUriBuilder().path("api/v1/webhooks").path(id).path("deliveries")
                        .path(resent.id().toString()).build())
                .entity(DeliveryResponse.from(resent))
                .build();
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }
}
