package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.webhooks.adapters.rest.error.BodySizeLimit;
import dev.webhooks.adapters.rest.error.ErrorEnvelope;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

/**
 * Oversized bodies are refused with 413 in the envelope, whether or not they announce their length; bodies that cannot
 * be read (cut short, bad gzip) with 400.
 */
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
    void aBodyThatCannotBeReadIsABadRequest() throws Exception {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getLength()).thenReturn(-1);
        when(request.hasEntity()).thenReturn(true);
        when(request.getEntityStream()).thenReturn(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new EOFException("Early EOF");
            }
        });
        new BodySizeLimit(2048).filter(request);
        ArgumentCaptor<InputStream> wrapped = ArgumentCaptor.forClass(InputStream.class);
        verify(request).setEntityStream(wrapped.capture());

        assertThatThrownBy(() -> wrapped.getValue().read(new byte[16], 0, 16))
                .isInstanceOfSatisfying(WebApplicationException.class, e -> assertBadRequest(e.getResponse()));
    }

    @Test
    void aBodyThatFailsWhenPeekedAtIsABadRequest() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getLength()).thenReturn(-1);
        when(request.hasEntity()).thenThrow(new ProcessingException(new ZipException("Invalid gzip bytes")));
        new BodySizeLimit(2048).filter(request);
        ArgumentCaptor<Response> answer = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(answer.capture());
        assertBadRequest(answer.getValue());
    }

    private static void assertBadRequest(Response response) {
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((ErrorEnvelope) response.getEntity()).errors().get(0).code()).isEqualTo("INVALID_REQUEST");
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
