package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ordered delivery end to end: the extension field through POST, GET, list, PUT and PATCH, the error envelope for a
 * value that is not a boolean, and 200 events arriving in acceptance order through 500s and timeouts. The crash case
 * is {@link OrderedDeliveryIT}'s.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OrderedDeliveryFlowTest {
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.attemptTimeout", "1s"));

    private final String tenant = "ordered-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void forgetTenants() {
        TestApp.forgetTenants("ordered-");
    }

    @Test
    void theFieldIsWrittenByPostPutAndPatchAndAlwaysShown() {
        Map<String, Object> body = Map.of("name", "ordered", "url", "https://receiver.example.com/hook",
                "eventTypes", List.of(Workload.CREATED));
        ApiClient.Answer unordered = admin.post("/api/v1/webhooks", body);
        assertThat(unordered.json()).containsEntry("orderedDelivery", false);
        String path = "/api/v1/webhooks/" + unordered.json().get("id");

        assertThat(admin.patch(path, List.of(Map.of("op", "replace", "path", "/orderedDelivery", "value", true))).status())
                .isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("orderedDelivery", true);
        assertThat(admin.get("/api/v1/webhooks").data()).singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("orderedDelivery", true));
        assertThat(admin.put(path, body).json()).as("PUT without the field: back to unordered")
                .containsEntry("orderedDelivery", false);

        ApiClient.Answer bad = admin.patch(path, List.of(Map.of("op", "replace", "path", "/orderedDelivery", "value", "yes")));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json()).containsKeys("errors", "traceId");
        assertThat(bad.body()).contains("orderedDelivery");
    }

    @Test
    void eventsArriveInAcceptanceOrderThroughFailuresAndTimeouts() throws Exception {
        int events = 200;
        try (OrderReceiver receiver = new OrderReceiver(Duration.ofMillis(1500))) {
            OrderedScenario scenario = new OrderedScenario(RateLimitFlowTest.calls(APP), "ordered-flow-" + UUID.randomUUID(), events);
            scenario.createWebhook(receiver);
            long started = System.nanoTime();
            scenario.publish();
            OrderedScenario.awaitSucceeded(receiver, events, Duration.ofSeconds(90));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Thread.sleep(500); // anything sent once more would arrive meanwhile

            scenario.check(receiver, 0, new Figures("ordered-delivery-flow").put("all delivered after", took)).report();
        }
    }
}
