package dev.webhooks.adapters.rest.event;

import dev.webhooks.adapters.rest.auth.CallerPrincipal;
import dev.webhooks.application.event.PublishEvent;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.event.json.JsonArray;
import dev.webhooks.domain.event.json.JsonObject;
import dev.webhooks.domain.event.json.JsonValue;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/events}: producers publish one CloudEvent (structured JSON) or a batch
 * ({@code application/cloudevents-batch+json}). 202 means the events and all their deliveries are stored. A W3C
 * {@code traceparent} header is carried to the deliveries' outbound requests.
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {
    public static final String CLOUDEVENTS = "application/cloudevents+json";
    public static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";

    private final PublishEvent publishEvent;

    public EventsResource(PublishEvent publishEvent) {
        this.publishEvent = publishEvent;
    }

    /** One result per published event: a repeat of an already accepted event is reported as a duplicate. */
    public record Accepted(String id, String source, boolean duplicate) {
    }

    /** The answer to a publish. */
    public record PublishResponse(List<Accepted> data) {
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, CLOUDEVENTS, CLOUDEVENTS_BATCH})
    @Timed(name = "api.events.publish", absolute = true)
    public Response publish(@Context SecurityContext security, @Context HttpHeaders headers, String body) {
        boolean batch = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(CLOUDEVENTS_BATCH));
        List<CloudEvent> events = batch ? batchOf(body) : List.of(CloudEvent.fromJson(required(body)));
        java.util.Optional<String> traceparent = java.util.Optional.ofNullable(headers.getHeaderString("traceparent"))
                .map(String::trim).filter(dev.webhooks.domain.delivery.Delivery::isTraceparent);
        List<Boolean> fresh = publishEvent.publish(CallerPrincipal.of(security), events, traceparent);
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            accepted.add(new Accepted(events.get(i).id(), events.get(i).source(), !fresh.get(i)));
        }
        return Response.accepted(new PublishResponse(accepted)).build();
    }

    private static List<CloudEvent> batchOf(String body) {
        JsonValue parsed = Json.parse(required(body));
        if (!(parsed instanceof JsonArray array)) {
            throw new InvalidInputException(ErrorCode.INVALID_EVENT, "a batch must be a JSON array of CloudEvents");
        }
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < array.elements().size(); i++) {
            if (!(array.elements().get(i) instanceof JsonObject object)) {
                throw new InvalidInputException(ErrorCode.INVALID_EVENT, "batch entry " + i + " is not a JSON object");
            }
            events.add(withIndex(i, object));
        }
        return events;
    }

    private static CloudEvent withIndex(int index, JsonObject object) {
        try {
            return CloudEvent.from(object);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.code(), "batch entry " + index + ": " + e.detail());
        }
    }

    private static String required(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException(ErrorCode.MALFORMED_JSON, "a JSON request body is required");
        }
        return body;
    }
}
