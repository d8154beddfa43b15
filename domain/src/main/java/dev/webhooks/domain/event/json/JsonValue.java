package dev.webhooks.domain.event.json;

/** An immutable JSON value as defined by RFC 8259. */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
}
