package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.adapters.rest.error.BodySizeLimit;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Oversized bodies are refused with 413 in the envelope, whether or not they announce their length. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BodySizeLimitTest {
    static final ApiFixture API = new ApiFixture(new BodySizeLimit(2048));
    static final ResourceExtension RESOURCES = API.resources;

    private static String bigWebhook() {
        return "{\"name\":\"" + "n".repeat(5000) + "\",\"url\":\"https://x.example.com\"}";
    }

    @Test
    void refusesBodiesOverTheLimit() {
        try (Response response = API.admin("/api/v1/webhooks").post(Entity.json(bigWebhook()))) {
            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(ErrorBodies.code(ErrorBodies.read(response))).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void refusesStreamsThatGrowPastTheLimit() {
        ByteArrayInputStream stream = new ByteArrayInputStream(bigWebhook().getBytes(StandardCharsets.UTF_8));
        try (Response response = API.admin("/api/v1/events").post(Entity.entity(stream, "application/cloudevents+json"))) {
            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(ErrorBodies.code(ErrorBodies.read(response))).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }
}
