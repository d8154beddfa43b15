package dev.webhooks.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhooks.domain.webhook.DisabledReasonCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of the whole public API; no token needed. The codes of
 * {@code disabledReasonCode} are filled in from {@link DisabledReasonCode}, the one list of them, as an
 * {@code x-extensible-enum} (the reference types the field as a plain string, and new codes may come).
 */
@Path(OpenApiResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {
    public static final String PATH = "/api/v1/openapi.json";
    private final byte[] document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode document = json.readTree(in);
            document.path("components").path("schemas").forEach(OpenApiResource::describeDisabledReasonCodes);
            this.document = json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    public byte[] document() {
        return document.clone();
    }

    private static void describeDisabledReasonCodes(JsonNode schema) {
        if (schema.path("properties").get("disabledReasonCode") instanceof ObjectNode property) {
            ArrayNode codes = property.putArray("x-extensible-enum");
            Arrays.stream(DisabledReasonCode.values()).forEach(code -> codes.add(code.name()));
            property.put("description", "The unique code for the reason: " + Arrays.stream(DisabledReasonCode.values())
                    .map(code -> code.name() + " (" + code.when().replace("`", "") + ")").collect(Collectors.joining("; ")) + ".");
        }
    }
}
