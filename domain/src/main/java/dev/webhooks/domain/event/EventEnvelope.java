package dev.webhooks.domain.event;

import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.event.json.JsonObject;
import dev.webhooks.domain.event.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The JSON shape in which an event is delivered: CloudEvents 1.0 or Qlik's legacy envelope. */
public enum EventEnvelope {

    /** The event exactly as published, in the CloudEvents 1.0 JSON format. */
    CLOUD_EVENTS {
        @Override
        public JsonObject toJson(CloudEvent event) {
            return event.toJson();
        }
    },

    /** Qlik's legacy envelope: CloudEvents 0.1 style with camelCase keys and an {@code extensions} object. */
    LEGACY {
        @Override
        public JsonObject toJson(CloudEvent event) {
            JsonObject.Builder json = JsonObject.builder()
                    .put("cloudEventsVersion", "0.1")
                    .put("eventTypeVersion", "1.0.0")
                    .put("source", event.source());
            event.dataContentType().ifPresent(type -> json.put("contentType", type));
            json.put("eventId", event.id());
            event.attribute(CloudEvent.TIME).ifPresent(time -> json.put("eventTime", time));
            json.put("eventType", event.type());
            json.put("extensions", legacyExtensions(event));
            event.data().ifPresent(data -> json.put("data", data));
            return json.build();
        }
    };

    /** The envelope as a JSON object. */
    public abstract JsonObject toJson(CloudEvent event);

    /** The envelope as UTF-8 encoded compact JSON, ready to be sent as a request body. */
    public byte[] render(CloudEvent event) {
        return Json.write(toJson(event)).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject legacyExtensions(CloudEvent event) {
        JsonObject.Builder extensions = JsonObject.builder();
        copy(event, CloudEvent.TENANTID, "tenantId", extensions);
        copy(event, CloudEvent.USERID, "userId", extensions);
        copy(event, CloudEvent.OWNERID, "ownerId", extensions);
        copy(event, CloudEvent.SPACEID, "spaceId", extensions);
        copy(event, CloudEvent.TOPLEVELRESOURCEID, "topLevelResourceId", extensions);
        return extensions.build();
    }

    private static void copy(CloudEvent event, String attribute, String key, JsonObject.Builder target) {
        Optional<JsonValue> value = event.attribute(attribute);
        value.ifPresent(v -> target.put(key, v));
    }
}
