package dev.webhooks.adapters.rest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhooks.adapters.rest.auth.CallerPrincipal;
import dev.webhooks.application.webhook.CreateWebhook;
import dev.webhooks.application.webhook.DeleteWebhook;
import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.application.webhook.ListWebhooks;
import dev.webhooks.application.webhook.PatchWebhook;
import dev.webhooks.application.webhook.ReplaceWebhook;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookSort;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;

/** The reference's webhook endpoints under {@code /api/v1/webhooks}. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhooksResource {
    private final ListWebhooks listWebhooks;
    private final CreateWebhook createWebhook;
    private final GetWebhook getWebhook;
    private final ReplaceWebhook replaceWebhook;
    private final PatchWebhook patchWebhook;
    private final DeleteWebhook deleteWebhook;
    private final Clock clock;

    public WebhooksResource(ListWebhooks listWebhooks, CreateWebhook createWebhook, GetWebhook getWebhook,
                            ReplaceWebhook replaceWebhook, PatchWebhook patchWebhook, DeleteWebhook deleteWebhook,
                            Clock clock) {
        this.listWebhooks = listWebhooks;
        this.createWebhook = createWebhook;
        this.getWebhook = getWebhook;
        this.replaceWebhook = replaceWebhook;
        this.patchWebhook = patchWebhook;
        this.deleteWebhook = deleteWebhook;
        this.clock = clock;
    }

    @GET
    @Timed(name = "api.webhooks.list", absolute = true)
    public WebhookListResponse list(@Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = CallerPrincipal.of(security);
        ListParameters parameters = new ListParameters(uri.getQueryParameters());
        WebhookSort sort = parameters.sort();
        Page<Webhook> page = listWebhooks.list(caller, parameters.query(caller.tenantId()), sort, parameters.page(sort));
        return new WebhookListResponse(page.items().stream().map(this::response).toList(), Links.of(uri, page));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "api.webhooks.create", absolute = true)
    public Response create(@Context SecurityContext security, @Context UriInfo uri, WebhookRequest request) {
        Webhook webhook = createWebhook.create(CallerPrincipal.of(security), required(request).toCreateInput());
        return Response.created(uri.getAbsolutePathBuilder().path(webhook.id().toString()).build())
                .entity(response(webhook))
                .build();
    }

    @GET
    @Path("/{id}")
    @Timed(name = "api.webhooks.get", absolute = true)
    public WebhookResponse get(@Context SecurityContext security, @PathParam("id") String id) {
        return response(getWebhook.get(CallerPrincipal.of(security), id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "api.webhooks.replace", absolute = true)
    public WebhookResponse replace(@Context SecurityContext security, @PathParam("id") String id, WebhookRequest request) {
        return response(replaceWebhook.replace(CallerPrincipal.of(security), id, required(request).toReplaceInput()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/json-patch+json"})
    @Timed(name = "api.webhooks.patch", absolute = true)
    public Response patch(@Context SecurityContext security, @PathParam("id") String id, JsonNode body) {
        patchWebhook.patch(CallerPrincipal.of(security), id, PatchBody.operations(body));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    @Timed(name = "api.webhooks.delete", absolute = true)
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        deleteWebhook.delete(CallerPrincipal.of(security), id);
        return Response.noContent().build();
    }

    private WebhookResponse response(Webhook webhook) {
        return WebhookResponse.from(webhook, clock.instant());
    }

    private static WebhookRequest required(WebhookRequest request) {
        if (request == null) {
            throw new InvalidInputException(ErrorCode.MALFORMED_JSON, "a JSON request body is required");
        }
        return request;
    }
}
