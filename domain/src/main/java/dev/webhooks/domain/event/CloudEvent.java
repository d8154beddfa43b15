package dev.webhooks.domain.event;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.event.json.Json;
import dev.webhooks.domain.filter.FilterAttribute;
import dev.webhooks.domain.filter.FilterSubject;
import dev.webhooks.domain.event.json.JsonObject;
import dev.webhooks.domain.event.json.JsonString;
import dev.webhooks.domain.event.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated, immutable CloudEvents 1.0 event as published by a Qlik Cloud service, with its Qlik extensions. */
public final class CloudEvent implements FilterSubject {

    public static final String SPEC_VERSION = "1.0";

    public static final String SPECVERSION = "specversion";
    public static final String ID = "id";
    public static final String SOURCE = "source";
    public static final String TYPE = "type";
    public static final String TIME = "time";
    public static final String DATACONTENTTYPE = "datacontenttype";
    public static final String DATA = "data";
    public static final String TENANTID = "tenantid";
    public static final String USERID = "userid";
    public static final String OWNERID = "ownerid";
    public static final String SPACEID = "spaceid";
    public static final String TOPLEVELRESOURCEID = "toplevelresourceid";

    private static final Set<String> CORE_ATTRIBUTES =
            Set.of(SPECVERSION, ID, SOURCE, TYPE, TIME, DATACONTENTTYPE, DATA, TENANTID);
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private final JsonObject attributes;
    private final String id;
    private final String source;
    private final String type;
    private final String tenantId;
    private final Instant time;
    private final String dataContentType;
    private final JsonValue data;
    private final Map<String, JsonValue> extensions;

    private CloudEvent(JsonObject attributes) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        attributes.members().keySet().forEach(CloudEvent::checkAttributeName);
        checkSpecVersion();
        this.id = requiredString(ID);
        this.source = requiredString(SOURCE);
        this.type = requiredString(TYPE);
        this.tenantId = requiredString(TENANTID);
        this.time = optionalString(TIME).map(CloudEvent::parseTime).orElse(null);
        this.dataContentType = optionalString(DATACONTENTTYPE).orElse(null);
        this.data = attributes.get(DATA).orElse(null);
        this.extensions = extensionsOf(attributes);
    }

    /**
     * Parses and validates an event in the CloudEvents JSON format.
     *
     * @throws InvalidInputException MALFORMED_JSON for bad JSON, INVALID_EVENT for a JSON text that is not a valid event
     */
    public static CloudEvent fromJson(String json) {
        JsonValue value = Json.parse(json);
        if (value instanceof JsonObject object) {
            return from(object);
        }
        throw invalid("an event must be a JSON object");
    }

    /** Validates the attributes of an event; throws {@link InvalidInputException} (INVALID_EVENT) naming the attribute. */
    public static CloudEvent from(JsonObject attributes) {
        return new CloudEvent(attributes);
    }

    /** Returns this event if it has a time, else a copy whose {@code time} (appended last) is {@code now} in UTC. */
    public CloudEvent withTimeIfAbsent(Instant now) {
        if (time != null) {
            return this;
        }
        return new CloudEvent(JsonObject.builder()
                .putAll(attributes.members())
                .put(TIME, Objects.requireNonNull(now, "now").toString())
                .build());
    }

    public String specVersion() {
        return SPEC_VERSION;
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    public String type() {
        return type;
    }

    public String tenantId() {
        return tenantId;
    }

    public Optional<Instant> time() {
        return Optional.ofNullable(time);
    }

    /** The {@code time} attribute exactly as given (or as set by {@link #withTimeIfAbsent}). */
    public Optional<String> timeText() {
        return optionalString(TIME);
    }

    public Optional<String> dataContentType() {
        return Optional.ofNullable(dataContentType);
    }

    public Optional<JsonValue> data() {
        return Optional.ofNullable(data);
    }

    /** Every attribute other than specversion, id, source, type, time, datacontenttype, data and tenantid, in order. */
    public Map<String, JsonValue> extensions() {
        return extensions;
    }

    /** Any attribute (core or extension) by name, as given. */
    public Optional<JsonValue> attribute(String name) {
        return attributes.get(name);
    }

    /** The value of a string-valued extension attribute. */
    public Optional<String> extension(String name) {
        return stringValue(extensions.get(name));
    }

    public Optional<String> userId() {
        return extension(USERID);
    }

    public Optional<String> ownerId() {
        return extension(OWNERID);
    }

    public Optional<String> spaceId() {
        return extension(SPACEID);
    }

    public Optional<String> topLevelResourceId() {
        return extension(TOPLEVELRESOURCEID);
    }

    /** The string value of a top-level member of {@code data}, when data is an object and the member is a string. */
    /**
     * What webhook filters see of this event: {@code id} is the id of the resource the event is about
     * ({@code data.id}), {@code spaceId} and {@code topLevelResourceId} are the extension attributes, and
     * {@code data.status} is {@code data.status}.
     */
    @Override
    public String attributeValue(FilterAttribute attribute) {
        return switch (attribute) {
            case ID -> dataString("id").orElse(null);
            case SPACE_ID -> spaceId().orElse(null);
            case TOP_LEVEL_RESOURCE_ID -> topLevelResourceId().orElse(null);
            case DATA_STATUS -> dataString("status").orElse(null);
        };
    }

    public Optional<String> dataString(String field) {
        if (data instanceof JsonObject object) {
            return object.getString(field);
        }
        return Optional.empty();
    }

    /** All attributes in the order given, as published in the CloudEvents JSON format. */
    public JsonObject toJson() {
        return attributes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CloudEvent event && attributes.equals(event.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return "CloudEvent[id=" + id + ", type=" + type + ", source=" + source + ", tenantid=" + tenantId + "]";
    }

    private static void checkAttributeName(String name) {
        if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            throw invalid("attribute name " + quote(name)
                    + " is not valid (1 to 20 characters, lowercase letters a-z and digits 0-9 only)");
        }
    }

    private void checkSpecVersion() {
        String version = requiredString(SPECVERSION);
        if (!SPEC_VERSION.equals(version)) {
            throw invalid("attribute 'specversion' must be \"" + SPEC_VERSION + "\"");
        }
    }

    private String requiredString(String name) {
        JsonValue value = attributes.get(name).orElseThrow(() -> invalid("attribute '" + name + "' is required"));
        return stringValue(value).filter(s -> !s.isEmpty())
                .orElseThrow(() -> invalid("attribute '" + name + "' must be a non-empty string"));
    }

    private Optional<String> optionalString(String name) {
        return attributes.get(name).map(value -> stringValue(value)
                .orElseThrow(() -> invalid("attribute '" + name + "' must be a string")));
    }

    private static Instant parseTime(String text) {
        if (RFC_3339.matcher(text).matches()) {
            try {
                String upper = text.toUpperCase(Locale.ROOT);
                return OffsetDateTime.parse(upper, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        throw invalid("attribute 'time' is not an RFC 3339 timestamp");
    }

    private static Map<String, JsonValue> extensionsOf(JsonObject attributes) {
        Map<String, JsonValue> result = new LinkedHashMap<>();
        attributes.members().forEach((name, value) -> {
            if (!CORE_ATTRIBUTES.contains(name)) {
                result.put(name, value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    private static Optional<String> stringValue(JsonValue value) {
        return value instanceof JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    private static String quote(String name) {
        String quoted = Json.write(new JsonString(name));
        return quoted.length() <= 64 ? quoted : quoted.substring(0, 60) + "...\"";
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException(ErrorCode.INVALID_EVENT, detail);
    }
}
