package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-webhook rate limit end to end: the extension field through POST, GET, list, PUT and PATCH, the error
 * envelope for values that are not integers from 1 to 10000, and the limit kept while an unlimited webhook of the same
 * tenant runs at full speed. A short version of {@link RateLimitIT}: 400 events at 20/s (20 s; the first 5 s window
 * is the warm-up, the next three are checked).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitFlowTest {
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create();

    private final String tenant = "rate-" + UUID.randomUUID();
    private final ApiClient admin = WebhooksApiTest.client(APP, tenant, "admin", "TenantAdmin");

    @AfterAll
    static void forgetTenants() {
        TestApp.forgetTenants("rate-");
    }

    private Map<String, Object> body(Object rate) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "limited", "url", "https://receiver.example.com/hook",
                "eventTypes", List.of(Workload.CREATED)));
        if (rate != null) {
            body.put("maxDeliveriesPerSecond", rate);
        }
        return body;
    }

    @Test
    void theLimitIsWrittenByPostPutAndPatchAndShownOnlyWhenSet() {
        ApiClient.Answer created = admin.post("/api/v1/webhooks", body(20));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("maxDeliveriesPerSecond", 20);
        String path = "/api/v1/webhooks/" + created.json().get("id");
        assertThat(admin.get(path).json()).containsEntry("maxDeliveriesPerSecond", 20);
        assertThat(admin.get("/api/v1/webhooks").data()).singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("maxDeliveriesPerSecond", 20));

        assertThat(admin.patch(path, List.of(Map.of("op", "replace", "path", "/maxDeliveriesPerSecond", "value", 10_000)))
                .status()).isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("maxDeliveriesPerSecond", 10_000);
        assertThat(admin.patch(path, List.of(Map.of("op", "remove", "path", "/maxDeliveriesPerSecond"))).status()).isEqualTo(204);
        assertThat(admin.get(path).json()).doesNotContainKey("maxDeliveriesPerSecond");
        assertThat(admin.patch(path, List.of(Map.of("op", "add", "path", "/maxDeliveriesPerSecond", "value", 1))).status())
                .isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("maxDeliveriesPerSecond", 1);

        ApiClient.Answer replaced = admin.put(path, body(null));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).as("PUT without the field: no limit").doesNotContainKey("maxDeliveriesPerSecond");
        assertThat(admin.put(path, body(5)).json()).containsEntry("maxDeliveriesPerSecond", 5);
    }

    @Test
    void valuesThatAreNotIntegersFromOneToTenThousandAreRejectedWithTheErrorEnvelope() {
        String path = "/api/v1/webhooks/" + admin.post("/api/v1/webhooks", body(20)).json().get("id");
        for (Object bad : List.of(0, 10_001, "abc", 1.5)) {
            assertRejected(admin.post("/api/v1/webhooks", body(bad)), bad);
            assertRejected(admin.put(path, body(bad)), bad);
            assertRejected(admin.patch(path, List.of(Map.of("op", "replace", "path", "/maxDeliveriesPerSecond", "value", bad))),
                    bad);
        }
        assertThat(admin.get(path).json()).containsEntry("maxDeliveriesPerSecond", 20);
    }

    @SuppressWarnings("unchecked")
    private static void assertRejected(ApiClient.Answer answer, Object bad) {
        assertThat(answer.status()).as("%s: %s", bad, answer.body()).isEqualTo(400);
        assertThat(answer.json()).containsKeys("errors", "traceId");
        Map<String, Object> error = ((List<Map<String, Object>>) answer.json().get("errors")).get(0);
        assertThat(error).containsKeys("code", "title", "detail").containsEntry("code", "VALIDATION_FAILED");
        assertThat((String) error.get("detail")).contains("maxDeliveriesPerSecond");
    }

    @Test
    void aLimitedWebhookReceivesTwentyPerSecondWhileItsUnlimitedNeighbourRunsAtFullSpeed() throws Exception {
        RateLimitScenario.run("rate-flow-" + UUID.randomUUID(), 400, List.of(RateLimitFlowTest.calls(APP)));
    }

    static ServiceCalls calls(DropwizardAppExtension<WebhooksConfiguration> instance) {
        return new ServiceCalls("http://127.0.0.1:" + instance.getLocalPort(),
                instance.getConfiguration().getAuth().getHmacSecret());
    }
}
