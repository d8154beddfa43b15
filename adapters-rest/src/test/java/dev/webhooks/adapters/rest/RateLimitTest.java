package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.webhooks.adapters.rest.ratelimit.RateLimitFilter;
import dev.webhooks.adapters.rest.ratelimit.RateLimits;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reference's tiers, per user: reads and writes counted apart, 429 with the envelope and Retry-After. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitTest {
    static final ApiFixture API = new ApiFixture(new RateLimitFilter(new RateLimits(true, 3, 2, 0),
            Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:10Z"), java.time.ZoneOffset.UTC)));
    static final ResourceExtension RESOURCES = API.resources;

    @Test
    void limitsEachTierPerUserAndSaysSoInHeaders() {
        when(API.list.list(any(), any(), any(), any())).thenReturn(ApiFixture.emptyPage());
        for (int i = 1; i <= 3; i++) {
            try (Response response = API.as("/api/v1/webhooks", "reader").get()) {
                assertThat(response.getStatus()).isEqualTo(200);
                assertThat(response.getHeaderString("X-RateLimit-Limit")).isEqualTo("3");
                assertThat(response.getHeaderString("X-RateLimit-Remaining")).isEqualTo(String.valueOf(3 - i));
                assertThat(Integer.parseInt(response.getHeaderString("X-RateLimit-Reset"))).isBetween(1, 60);
            }
        }
        try (Response limited = API.as("/api/v1/webhooks", "reader").get()) {
            assertThat(limited.getStatus()).isEqualTo(429);
            assertThat(Integer.parseInt(limited.getHeaderString("Retry-After"))).isBetween(1, 60);
            assertThat(ErrorBodies.code(ErrorBodies.read(limited))).isEqualTo("RATE_LIMITED");
        }
        try (Response otherUser = API.as("/api/v1/webhooks", "someone-else").get()) {
            assertThat(otherUser.getStatus()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            try (Response write = API.as("/api/v1/webhooks/x", "writer").delete()) {
                assertThat(write.getStatus()).isNotEqualTo(429);
            }
        }
        try (Response write = API.as("/api/v1/webhooks", "writer").post(Entity.json(Map.of()))) {
            assertThat(write.getStatus()).isEqualTo(429);
        }
        try (Response read = API.as("/api/v1/webhooks", "writer").get()) {
            assertThat(read.getStatus()).isEqualTo(200);
        }
    }
}
