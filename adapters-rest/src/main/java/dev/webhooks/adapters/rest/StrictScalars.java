package dev.webhooks.adapters.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as their JSON types say: {@code "enabled": "true"} or {@code 1} is not a boolean and
 * {@code "name": 42} is not a string, so each answers 400 naming the field ({@code MALFORMED_JSON}) instead of being
 * coerced into a value the client did not send. Applied to the mapper Jersey reads bodies with, after the
 * configuration (whose overrides are text) has been read.
 */
public final class StrictScalars {
    private StrictScalars() {
    }

    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
