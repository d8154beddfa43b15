package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A body in a charset the JVM cannot decode is a 415, not an UnsupportedCharsetException from the String reader. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MediaTypeCheckTest {
    static final ApiFixture API = new ApiFixture();
    static final ResourceExtension RESOURCES = API.resources;
    static final byte[] EVENT = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"tenantid\":\"acme\"}"
            .getBytes(StandardCharsets.UTF_8);

    private Response publish(String contentType) {
        return API.admin("/api/v1/events").post(Entity.entity(EVENT, contentType));
    }

    @Test
    void refusesCharsetsThatCannotBeDecoded() {
        for (String charset : new String[] {"no-such-charset", "", "bad name!"}) {
            try (Response response = publish("application/cloudevents+json; charset=\"" + charset + "\"")) {
                assertThat(response.getStatus()).as(charset).isEqualTo(415);
                Map<String, Object> body = ErrorBodies.read(response);
                assertThat(ErrorBodies.code(body)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
                assertThat(ErrorBodies.detail(body)).contains("charset");
            }
        }
    }

    @Test
    void refusesThemWithAnEmptyBodyToo() {
        try (Response response = API.admin("/api/v1/events").post(Entity.entity(new byte[0], "application/json; charset=no-such-charset"))) {
            assertThat(response.getStatus()).isEqualTo(415);
        }
    }

    @Test
    void letsKnownCharsetsThrough() {
        API.resetMocks();
        when(API.publish.publish(any(), any(), any())).thenReturn(List.of(true));
        try (Response response = publish("application/cloudevents+json; charset=UTF-8")) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
    }
}
