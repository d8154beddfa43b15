package dev.webhooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.event.json.JsonBoolean;
import dev.webhooks.domain.event.json.JsonNumber;
import dev.webhooks.domain.event.json.JsonObject;
import dev.webhooks.domain.event.json.JsonString;
import dev.webhooks.domain.event.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventTest {

    private static final String MINIMAL = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"com.qlik/test\","
            + "\"type\":\"com.qlik.v1.test\",\"tenantid\":\"t1\"}";

    @Test
    void parsesTheUserCreatedExample() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_USER_CREATED);
        assertThat(event.specVersion()).isEqualTo("1.0");
        assertThat(event.id()).isEqualTo("A234-1234-1234");
        assertThat(event.source()).isEqualTo("com.qlik/identities");
        assertThat(event.type()).isEqualTo("com.qlik.v1.user.created");
        assertThat(event.time()).contains(Instant.parse("2025-04-21T13:45:30Z"));
        assertThat(event.tenantId()).isEqualTo("VZhiEfgW2bLd7HgR-jjzAh6VnicipweT");
        assertThat(event.dataContentType()).contains("application/json");
        assertThat(event.userId()).contains("507f191e810c19729de860ea");
        assertThat(event.ownerId()).isEmpty();
        assertThat(event.spaceId()).isEmpty();
        assertThat(event.topLevelResourceId()).isEmpty();
        assertThat(event.extensions()).containsOnlyKeys("userid");
        assertThat(event.dataString("id")).contains("TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69");
        assertThat(event.dataString("status")).contains("active");
        assertThat(event.dataString("inviteExpiry")).isEmpty();
        assertThat(event.dataString("missing")).isEmpty();
    }

    @Test
    void parsesTheAppCreatedExampleKeepingExtensionsInOrder() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_APP_CREATED);
        assertThat(event.type()).isEqualTo("com.qlik.app.created");
        assertThat(event.extensions().keySet()).containsExactly("host", "reason", "userid", "ownerid", "spaceid",
                "authtype", "clientid", "sessionid", "authclaims", "toplevelresourceid");
        assertThat(event.extension("authclaims")).contains(
                "{\"iss\":\"02_Open_App_V1\", \"sub\":\"7eddf8df-ce4f-4b94-9388-8d9e21b9ed75\", \"subType\":\"api-key\"}");
        assertThat(event.spaceId()).contains("ccb149fb-e2dd-420b-8d9f-e6aacb95eb76");
        assertThat(event.topLevelResourceId()).contains("ccb149fb-e2dd-420b-8d9f-e6aacb95eb76");
        assertThat(event.ownerId()).contains("ccb149fb-e2dd-420b-8d9f-e6aacb95eb76");
        assertThat(event.dataString("id")).contains("c35f4b70-3ce4-4a30-b62b-2aef16943bc4");
    }

    @Test
    void parsesTheReloadFinishedExample() {
        CloudEvent event = CloudEvent.fromJson(EventExamples.CLOUDEVENT_RELOAD_FINISHED);
        assertThat(event.type()).isEqualTo("com.qlik.v1.reload.finished");
        assertThat(event.tenantId()).isEqualTo("UkeLb6ICti8OA8f3LueRI5kVNtuHc15f");
        assertThat(event.extension("traceparent")).contains("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(event.time()).contains(Instant.parse("2018-10-30T07:06:22Z"));
        assertThat(event.data()).get().isInstanceOf(JsonObject.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CLOUDEVENT_APP_CREATED", "CLOUDEVENT_RELOAD_FINISHED", "CLOUDEVENT_USER_CREATED"})
    void toJsonKeepsEveryAttributeInOrder(String example) throws ReflectiveOperationException {
        String text = (String) EventExamples.class.getDeclaredField(example).get(null);
        CloudEvent event = CloudEvent.fromJson(text);
        assertThat(Json.write(event.toJson())).isEqualTo(Json.write(Json.parse(text)));
        assertThat(CloudEvent.from(event.toJson())).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "tenantid"})
    void eachRequiredAttributeIsRequired(String name) {
        JsonObject attributes = without(Json.parseObject(MINIMAL), name);
        assertInvalid(attributes, "attribute '" + name + "' is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "tenantid"})
    void eachRequiredAttributeMustBeANonEmptyString(String name) {
        JsonObject base = Json.parseObject(MINIMAL);
        String expected = "attribute '" + name + "' must be a non-empty string";
        assertInvalid(with(base, name, new JsonString("")), expected);
        assertInvalid(with(base, name, JsonNumber.of(1)), expected);
        assertInvalid(with(base, name, JsonBoolean.TRUE), expected);
        assertInvalid(with(base, name, Json.parse("null")), expected);
        assertInvalid(with(base, name, Json.parse("{}")), expected);
    }

    @Test
    void specVersionMustBeOnePointZero() {
        JsonObject base = Json.parseObject(MINIMAL);
        assertInvalid(with(base, "specversion", new JsonString("0.3")), "attribute 'specversion' must be \"1.0\"");
        assertInvalid(with(base, "specversion", new JsonNumber("1.0")), "attribute 'specversion' must be a non-empty string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-10-30 07:06:22Z", "2018-10-30T07:06Z", "2018-02-30T00:00:00Z", "2018-10-30T25:00:00Z",
        "2018-10-30T07:06:22", "2018-10-30T07:06:22.1234567891Z", "2018-10-30T07:06:22+0100", "yesterday", ""})
    void timeMustBeRfc3339(String time) {
        assertInvalid(with(Json.parseObject(MINIMAL), "time", new JsonString(time)),
                "attribute 'time' is not an RFC 3339 timestamp");
    }

    @Test
    void timeAcceptsRfc3339Variants() {
        JsonObject base = Json.parseObject(MINIMAL);
        assertThat(CloudEvent.from(with(base, "time", new JsonString("2018-10-30T09:06:22.5+02:00"))).time())
                .contains(Instant.parse("2018-10-30T07:06:22.500Z"));
        assertThat(CloudEvent.from(with(base, "time", new JsonString("2018-10-30t07:06:22z"))).time())
                .contains(Instant.parse("2018-10-30T07:06:22Z"));
        assertThat(CloudEvent.from(with(base, "time", new JsonString("2021-09-09T09:32:53.782Z"))).timeText())
                .contains("2021-09-09T09:32:53.782Z");
    }

    @Test
    void optionalAttributesMustBeStrings() {
        JsonObject base = Json.parseObject(MINIMAL);
        assertInvalid(with(base, "time", JsonNumber.of(1)), "attribute 'time' must be a string");
        assertInvalid(with(base, "datacontenttype", JsonBoolean.FALSE), "attribute 'datacontenttype' must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantId", "data_base64", "trace-parent", "abcdefghijklmnopqrstu", "", "é"})
    void invalidAttributeNamesAreRejected(String name) {
        assertThatThrownBy(() -> CloudEvent.from(with(Json.parseObject(MINIMAL), name, new JsonString("x"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EVENT);
                    assertThat(e.detail()).startsWith("attribute name " + Json.write(new JsonString(name)) + " is not valid");
                });
    }

    @Test
    void twentyCharacterLowercaseNamesAreValidExtensions() {
        CloudEvent event = CloudEvent.from(with(Json.parseObject(MINIMAL), "abcdefghijklmnopqrs0", JsonNumber.of(5)));
        assertThat(event.extensions()).containsEntry("abcdefghijklmnopqrs0", JsonNumber.of(5));
        assertThat(event.extension("abcdefghijklmnopqrs0")).isEmpty();
        assertThat(event.attribute("abcdefghijklmnopqrs0")).contains(JsonNumber.of(5));
    }

    @Test
    void minimalEventHasNoOptionalParts() {
        CloudEvent event = CloudEvent.fromJson(MINIMAL);
        assertThat(event.time()).isEmpty();
        assertThat(event.dataContentType()).isEmpty();
        assertThat(event.data()).isEmpty();
        assertThat(event.extensions()).isEmpty();
        assertThat(event.dataString("id")).isEmpty();
    }

    @Test
    void dataMayBeAnyJsonValue() {
        CloudEvent event = CloudEvent.from(with(Json.parseObject(MINIMAL), "data", Json.parse("[1,2]")));
        assertThat(event.data()).contains(Json.parse("[1,2]"));
        assertThat(event.dataString("id")).isEmpty();
        assertThat(CloudEvent.from(with(Json.parseObject(MINIMAL), "data", Json.parse("null"))).data())
                .contains(Json.parse("null"));
    }

    @Test
    void withTimeIfAbsentAddsTheTimeOnlyWhenMissing() {
        CloudEvent event = CloudEvent.fromJson(MINIMAL);
        Instant now = Instant.parse("2024-01-02T03:04:05.678Z");
        CloudEvent stamped = event.withTimeIfAbsent(now);
        assertThat(stamped.time()).contains(now);
        assertThat(stamped.toJson().get("time")).contains(new JsonString("2024-01-02T03:04:05.678Z"));
        assertThat(stamped.toJson().members().keySet()).containsExactly("specversion", "id", "source", "type", "tenantid", "time");
        assertThat(event.time()).isEmpty();
        assertThat(stamped.withTimeIfAbsent(Instant.EPOCH)).isSameAs(stamped);
    }

    @Test
    void timeIsRenderedAsGiven() {
        CloudEvent event = CloudEvent.from(with(Json.parseObject(MINIMAL), "time", new JsonString("2018-10-30T09:06:22+02:00")));
        assertThat(event.toJson().get("time")).contains(new JsonString("2018-10-30T09:06:22+02:00"));
    }

    @Test
    void nonObjectJsonIsAnInvalidEvent() {
        assertThatThrownBy(() -> CloudEvent.fromJson("[1]"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EVENT);
                    assertThat(e.detail()).isEqualTo("an event must be a JSON object");
                });
    }

    @Test
    void malformedJsonIsReportedAsSuch() {
        assertThatThrownBy(() -> CloudEvent.fromJson("{\"id\":"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON));
    }

    private static void assertInvalid(JsonObject attributes, String detail) {
        assertThatThrownBy(() -> CloudEvent.from(attributes))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EVENT);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }

    static JsonObject with(JsonObject object, String name, JsonValue value) {
        return JsonObject.builder().putAll(object.members()).put(name, value).build();
    }

    static JsonObject without(JsonObject object, String name) {
        JsonObject.Builder builder = JsonObject.builder();
        object.members().forEach((k, v) -> {
            if (!k.equals(name)) {
                builder.put(k, v);
            }
        });
        return builder.build();
    }
}
