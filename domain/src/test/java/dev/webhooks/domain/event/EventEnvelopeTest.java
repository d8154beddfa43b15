package dev.webhooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.event.json.JsonArray;
import dev.webhooks.domain.event.json.JsonBoolean;
import dev.webhooks.domain.event.json.JsonNull;
import dev.webhooks.domain.event.json.JsonNumber;
import dev.webhooks.domain.event.json.JsonObject;
import dev.webhooks.domain.event.json.JsonString;
import dev.webhooks.domain.event.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    @Test
    void cloudEventsEnvelopeIsTheEventAsPublished() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_APP_CREATED);
        byte[] body = EventEnvelope.CLOUD_EVENTS.render(event);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(Json.write(Json.parse(EventExamples.CLOUDEVENT_APP_CREATED)));
    }

    @Test
    void legacyEnvelopeOfUserCreatedHasTheDocumentedShape() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_USER_CREATED);
        JsonObject rendered = render(EventEnvelope.LEGACY, event);
        JsonObject documented = Json.parseObject(EventExamples.LEGACY_USER_CREATED);

        assertThat(rendered.members().keySet()).containsExactlyElementsOf(documented.members().keySet());
        assertThat(shape(without(rendered, "extensions", "data"))).isEqualTo(shape(without(documented, "extensions", "data")));
        JsonObject documentedExtensions = (JsonObject) documented.get("extensions").orElseThrow();
        // "description" in the documented example is not derived from any CloudEvents attribute.
        assertThat(shape(rendered.get("extensions").orElseThrow()))
                .isEqualTo(shape(without(documentedExtensions, "description")));
        assertThat(rendered.get("data")).isEqualTo(event.data());
    }

    @Test
    void legacyEnvelopeOfUserCreatedHasTheMappedValues() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_USER_CREATED);
        String expected = "{\"cloudEventsVersion\":\"0.1\",\"eventTypeVersion\":\"1.0.0\",\"source\":\"com.qlik/identities\","
                + "\"contentType\":\"application/json\",\"eventId\":\"A234-1234-1234\",\"eventTime\":\"2025-04-21T13:45:30Z\","
                + "\"eventType\":\"com.qlik.v1.user.created\",\"extensions\":{\"tenantId\":\"VZhiEfgW2bLd7HgR-jjzAh6VnicipweT\","
                + "\"userId\":\"507f191e810c19729de860ea\"},\"data\":" + Json.write(event.data().orElseThrow()) + "}";
        assertThat(new String(EventEnvelope.LEGACY.render(event), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void legacyEnvelopeMapsAllFiveExtensions() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_APP_CREATED);
        JsonObject extensions = (JsonObject) render(EventEnvelope.LEGACY, event).get("extensions").orElseThrow();
        assertThat(extensions.members().keySet())
                .containsExactly("tenantId", "userId", "ownerId", "spaceId", "topLevelResourceId");
        assertThat(extensions.getString("topLevelResourceId")).isEqualTo(event.topLevelResourceId());
    }

    @Test
    void legacyEnvelopeOmitsAbsentOptionalParts() {
        CloudEvent event = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":\"t\",\"tenantid\":\"x\"}");
        assertThat(new String(EventEnvelope.LEGACY.render(event), StandardCharsets.UTF_8)).isEqualTo(
                "{\"cloudEventsVersion\":\"0.1\",\"eventTypeVersion\":\"1.0.0\",\"source\":\"s\",\"eventId\":\"e1\","
                        + "\"eventType\":\"t\",\"extensions\":{\"tenantId\":\"x\"}}");
    }

    @Test
    void renderingIsUtf8() {
        CloudEvent event = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"é\",\"source\":\"s\",\"type\":\"t\","
                + "\"tenantid\":\"x\",\"data\":{\"name\":\"日本\\u0001\"}}");
        for (EventEnvelope envelope : EventEnvelope.values()) {
            String body = new String(envelope.render(event), StandardCharsets.UTF_8);
            assertThat(body).contains("\"é\"", "\"日本\\u0001\"");
            assertThat(Json.parse(body)).isEqualTo(envelope.toJson(event));
        }
    }

    private static JsonObject render(EventEnvelope envelope, CloudEvent event) {
        return Json.parseObject(new String(envelope.render(event), StandardCharsets.UTF_8));
    }

    private static JsonObject without(JsonObject object, String... names) {
        Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
        for (String name : names) {
            members.remove(name);
        }
        return new JsonObject(members);
    }

    /** Replaces every leaf by a placeholder of its kind, keeping keys and their order. */
    private static JsonValue shape(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            object.members().forEach((k, v) -> members.put(k, shape(v)));
            return new JsonObject(members);
        }
        if (value instanceof JsonArray array) {
            List<JsonValue> elements = new ArrayList<>();
            array.elements().forEach(v -> elements.add(shape(v)));
            return new JsonArray(elements);
        }
        if (value instanceof JsonString) {
            return new JsonString("");
        }
        if (value instanceof JsonNumber) {
            return JsonNumber.of(0);
        }
        return value instanceof JsonBoolean ? JsonBoolean.FALSE : JsonNull.INSTANCE;
    }
}
