package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhooks.adapters.rest.delivery.DeliveriesResource;
import dev.webhooks.adapters.rest.event.EventsResource;
import dev.webhooks.adapters.rest.webhook.EventTypesResource;
import dev.webhooks.adapters.rest.webhook.WebhooksResource;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document is valid, public, and describes every resource method. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiDocumentTest {
    static final ApiFixture API = new ApiFixture();
    static final ResourceExtension RESOURCES = API.resources;
    static final List<Class<?>> RESOURCE_CLASSES = List.of(WebhooksResource.class, EventTypesResource.class,
            EventsResource.class, DeliveriesResource.class, dev.webhooks.adapters.rest.delivery.RecoveryResource.class,
            OpenApiResource.class);

    private String served() {
        try (Response response = RESOURCES.target(OpenApiResource.PATH).request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            return response.readEntity(String.class);
        }
    }

    @Test
    void isValidOpenApi3() {
        SwaggerParseResult result = new OpenAPIParser().readContents(served(), null, null);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void describesEveryResourceMethod() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(served()).get("paths");
        List<String> missing = new ArrayList<>();
        for (Class<?> resource : RESOURCE_CLASSES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                httpMethodOf(method).ifPresent(verb -> {
                    Path sub = method.getAnnotation(Path.class);
                    String path = (base + (sub == null ? "" : sub.value())).replaceAll("/+$", "");
                    JsonNode item = paths.get(path);
                    if (item == null || item.get(verb.toLowerCase(Locale.ROOT)) == null) {
                        missing.add(verb + " " + path);
                    }
                });
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void listsEveryDisabledReasonCodeFromTheOneEnum() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(served()).path("components").path("schemas");
        List<String> codes = java.util.Arrays.stream(dev.webhooks.domain.webhook.DisabledReasonCode.values()).map(Enum::name).toList();
        for (String schema : List.of("WebhookBase", "WebhookResponseBase")) {
            JsonNode property = schemas.path(schema).path("properties").path("disabledReasonCode");
            assertThat(property.path("type").asText()).isEqualTo("string");
            List<String> listed = new ArrayList<>();
            property.path("x-extensible-enum").forEach(code -> listed.add(code.asText()));
            assertThat(listed).containsExactlyElementsOf(codes);
            assertThat(property.path("description").asText()).contains("GONE (the receiver answered 410 Gone)");
        }
    }

    @Test
    void marksTheRateLimitAsAWritableExtensionAndListsEveryPatchablePath() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(served()).path("components").path("schemas");
        for (String schema : List.of("WebhookBase", "WebhookResponseBase")) {
            JsonNode property = schemas.path(schema).path("properties").path("maxDeliveriesPerSecond");
            assertThat(property.path("x-extension").asBoolean()).as(schema).isTrue();
            assertThat(property.path("type").asText()).isEqualTo("integer");
            assertThat(property.path("minimum").asInt()).isEqualTo(1);
            assertThat(property.path("maximum").asInt()).isEqualTo(10_000);
            assertThat(property.path("readOnly").asBoolean()).isFalse();
        }
        List<String> paths = new ArrayList<>();
        schemas.path("WebhookPatch").path("properties").path("path").path("enum").forEach(path -> paths.add(path.asText()));
        assertThat(paths).containsExactlyElementsOf(dev.webhooks.domain.webhook.WebhookPatch.PATHS);
    }

    @Test
    void marksOrderedDeliveryAsAWritableBooleanExtensionThatDefaultsToFalse() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(served()).path("components").path("schemas");
        for (String schema : List.of("WebhookBase", "WebhookResponseBase")) {
            JsonNode property = schemas.path(schema).path("properties").path("orderedDelivery");
            assertThat(property.path("x-extension").asBoolean()).as(schema).isTrue();
            assertThat(property.path("type").asText()).isEqualTo("boolean");
            assertThat(property.path("default").isBoolean()).isTrue();
            assertThat(property.path("default").asBoolean()).isFalse();
            assertThat(property.path("readOnly").asBoolean()).isFalse();
            assertThat(property.path("description").asText()).startsWith("Extension.").contains("one at a time");
        }
    }

    private static java.util.Optional<String> httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return java.util.Optional.of(verb.value());
            }
        }
        return java.util.Optional.empty();
    }
}
