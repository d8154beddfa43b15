package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stopping the service while deliveries are in flight and starting it again loses nothing and leaves nothing stuck. */
class StopStartTest {
    private static final int EVENTS = 30;

    private static DropwizardTestSupport<WebhooksConfiguration> service() {
        return new DropwizardTestSupport<>(WebhooksApplication.class, TestApp.CONFIG, TestApp.overrides(
                ConfigOverride.config("delivery.pollInterval", "50ms"),
                ConfigOverride.config("delivery.maxInFlightPerWebhook", "4"),
                ConfigOverride.config("delivery.lease", "10m"),
                ConfigOverride.config("delivery.shutdownGrace", "100ms")));
    }

    @Test
    void everyAcceptedEventArrivesAcrossARestart() throws Exception {
        String tenant = "restart-" + UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            receiver.delay("/restart", Duration.ofMillis(400));
            DropwizardTestSupport<WebhooksConfiguration> first = service();
            first.before();
            ApiClient admin = client(first, tenant);
            assertThat(admin.post("/api/v1/webhooks", Map.of("name", "restart", "url", receiver.url("/restart"),
                    "eventTypes", List.of("com.qlik.v1.app.created"), "enabled", true)).status()).isEqualTo(201);
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < EVENTS; i++) {
                batch.append(i == 0 ? "" : ",").append("{\"specversion\":\"1.0\",\"id\":\"r").append(i)
                        .append("\",\"source\":\"s\",\"type\":\"com.qlik.v1.app.created\",\"tenantid\":\"").append(tenant).append("\"}");
            }
            int status = admin.postRaw("/api/v1/events", "application/cloudevents-batch+json", batch.append("]").toString());
            assertThat(status).isEqualTo(202);
            ObjectMapper json = new ObjectMapper();
            Set<String> arrived = new HashSet<>();
            arrived.add(json.readTree(receiver.next("/restart", Duration.ofSeconds(10)).body()).get("id").asText());
            first.after(); // stop while attempts are in flight and most deliveries are still due

            DropwizardTestSupport<WebhooksConfiguration> second = service();
            second.before();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (arrived.size() < EVENTS && System.nanoTime() < deadline) {
                    for (Receiver.Hit hit : receiver.drain("/restart")) {
                        arrived.add(json.readTree(hit.body()).get("id").asText());
                    }
                    Thread.sleep(100);
                }
                assertThat(arrived).hasSize(EVENTS);
            } finally {
                second.after();
                TestApp.forgetTenants(tenant);
            }
        }
    }

    private static ApiClient client(DropwizardTestSupport<WebhooksConfiguration> service, String tenant) {
        String token = new dev.webhooks.adapters.rest.auth.DevTokenIssuer(service.getConfiguration().getAuth().toJwtSettings())
                .issue(tenant, "admin", List.of("TenantAdmin"), Duration.ofMinutes(10));
        return new ApiClient(new org.glassfish.jersey.client.JerseyClientBuilder().build(),
                "http://localhost:" + service.getLocalPort(), token);
    }
}
