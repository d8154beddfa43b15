package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The management API end to end: the real application on the real database, driven over HTTP with minted
 * tokens. Each test works in its own random tenant, so the tests share one running service.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhooksApiTest {
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create();

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final ApiClient admin = client(tenant, "admin", "TenantAdmin");
    private final ApiClient alice = client(tenant, "alice");
    private final ApiClient bob = client(tenant, "bob");
    private final ApiClient otherTenantAdmin = client("other-" + UUID.randomUUID(), "admin", "TenantAdmin");

    static ApiClient client(String tenant, String user, String... roles) {
        return client(APP, tenant, user, roles);
    }

    static ApiClient client(DropwizardAppExtension<WebhooksConfiguration> app, String tenant, String user, String... roles) {
        String token = new DevTokenIssuer(app.getConfiguration().getAuth().toJwtSettings())
                .issue(tenant, user, List.of(roles), Duration.ofMinutes(10));
        return new ApiClient(app.client(), "http://localhost:" + app.getLocalPort(), token);
    }

    static Map<String, Object> webhook(String name, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", "https://receiver.example.com/hooks/" + name.replace(" ", "-"));
        body.put("eventTypes", List.of("com.qlik.v1.app.created"));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new HashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    private String createdId(ApiClient caller, Map<String, Object> body) {
        ApiClient.Answer answer = caller.post("/api/v1/webhooks", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.json().get("id");
    }

    @Nested
    class Create {
        @Test
        void appliesDefaultsAndNeverReturnsSecrets() {
            ApiClient.Answer answer = admin.post("/api/v1/webhooks", webhook("defaults",
                    "secret", "s".repeat(32), "headers", Map.of("X-Team", "blue"),
                    "encryptedHeaders", Map.of("Authorization", "Bearer top-secret-value")));

            assertThat(answer.status()).isEqualTo(201);
            Map<String, Object> body = answer.json();
            assertThat(body).containsEntry("level", "tenant").containsEntry("enabled", false)
                    .containsEntry("enableCloudEventDelivery", true).containsEntry("checkCertificateRevocation", false)
                    .containsEntry("orderedDelivery", false)
                    .containsEntry("origin", "api").containsEntry("secretKeyAdded", true)
                    .containsEntry("ownerId", "admin").containsEntry("createdByUserId", "admin")
                    .containsEntry("updatedByUserId", "admin").containsEntry("encryptedHeaders", List.of("Authorization"))
                    .containsKeys("id", "createdAt", "updatedAt").doesNotContainKey("secret");
            assertThat(answer.body()).doesNotContain("top-secret-value").doesNotContain("s".repeat(32));
            assertThat(answer.location()).endsWith("/api/v1/webhooks/" + body.get("id"));
        }

        @Test
        void onlyTenantAdminsCreateTenantLevelWebhooks() {
            ApiClient.Answer answer = alice.post("/api/v1/webhooks", webhook("mine"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
            assertThat(answer.json()).containsKey("traceId");
        }

        @Test
        void usersCreateUserLevelWebhooksForThemselvesOnly() {
            assertThat(alice.post("/api/v1/webhooks", webhook("mine", "level", "user")).status()).isEqualTo(201);
            ApiClient.Answer forBob = alice.post("/api/v1/webhooks", webhook("bobs", "level", "user", "ownerId", "bob"));
            assertThat(forBob.status()).isEqualTo(403);
            assertThat(admin.post("/api/v1/webhooks", webhook("bobs", "level", "user", "ownerId", "bob")).json())
                    .containsEntry("ownerId", "bob");
        }

        @Test
        void rejectsInvalidDefinitionsWithClearErrors() {
            assertError(admin.post("/api/v1/webhooks", Map.of("url", "https://x.example.com")), 400, "VALIDATION_FAILED", "name");
            assertError(admin.post("/api/v1/webhooks", webhook("f", "filter", "id eqq \"x\"")), 400, "INVALID_FILTER",
                    "unexpected token 'eqq' at position 3");
            assertError(admin.post("/api/v1/webhooks", webhook("e", "eventTypes", List.of("com.example.nope"))), 400,
                    "UNKNOWN_EVENT_TYPE", "com.example.nope");
            assertError(admin.post("/api/v1/webhooks", webhook("s", "secret", "short")), 400, "VALIDATION_FAILED", "secret");
            assertError(admin.post("/api/v1/webhooks", webhook("h", "headers", Map.of("Content-Length", "1"))), 400,
                    "VALIDATION_FAILED", "Content-Length");
            assertError(admin.post("/api/v1/webhooks", webhook("l", "level", "galaxy")), 400, "VALIDATION_FAILED", "level");
            assertError(admin.post("/api/v1/webhooks", webhook("u", "url", "ftp://x.example.com")), 400, "VALIDATION_FAILED", "url");
            assertError(admin.post("/api/v1/webhooks", webhook("ip", "url", "https://10.0.0.1/hook")), 400, "VALIDATION_FAILED", "url");
            assertError(admin.post("/api/v1/webhooks", webhook("ds", "filter", "data.status eq \"ok\"")), 400,
                    "INVALID_FILTER", "data.status");
        }

        /** This service allows 127.0.0.0/8 (tests call local receivers), so these are spellings outside it. */
        @Test
        void refusesSpellingsOfInternalHostsOutsideTheAllowedRange() {
            for (String url : List.of("https://ip6-localhost/hook", "https://IP6-LOOPBACK./hook", "https://localhost6/hook",
                    "https://[0:0:0:0:0:0:0:1]/hook", "https://[fe80::1%25eth0]/hook", "https://[::ffff:a9fe:a9fe]/latest",
                    "https://0x0a000001./hook")) {
                assertError(admin.post("/api/v1/webhooks", webhook("spelling", "url", url)), 400, "VALIDATION_FAILED",
                        "'url' must name a host by its domain name");
            }
            assertThat(admin.post("/api/v1/webhooks", webhook("loopback", "url", "http://LOCALHOST.:9/hook")).status())
                    .as("inside the allowed range").isEqualTo(201);
        }

        @Test
        void acceptsDataStatusFilterForReloadFinishedOnly() {
            ApiClient.Answer answer = admin.post("/api/v1/webhooks", webhook("reloads",
                    "eventTypes", List.of("com.qlik.v1.app.reload.finished"), "filter", "data.status eq \"error\""));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }

        @Test
        void refusesTheWebhookAfterTheQuota() {
            ApiClient carol = client("quota-" + UUID.randomUUID(), "carol");
            for (int i = 0; i < 150; i++) {
                assertThat(carol.post("/api/v1/webhooks", webhook("q" + i, "level", "user")).status()).isEqualTo(201);
            }
            assertError(carol.post("/api/v1/webhooks", webhook("q150", "level", "user")), 403, "WEBHOOK_QUOTA_EXCEEDED", "150");
        }
    }

    @Nested
    class Visibility {
        @Test
        void tenantsAndUsersSeeOnlyWhatTheyMay() {
            String tenantHook = createdId(admin, webhook("tenant-wide"));
            String aliceHook = createdId(alice, webhook("alices", "level", "user"));

            assertThat(admin.get("/api/v1/webhooks/" + aliceHook).status()).isEqualTo(200);
            assertThat(alice.get("/api/v1/webhooks/" + aliceHook).status()).isEqualTo(200);
            assertThat(alice.get("/api/v1/webhooks/" + tenantHook).status()).isEqualTo(404);
            assertThat(bob.get("/api/v1/webhooks/" + aliceHook).status()).isEqualTo(404);
            assertError(otherTenantAdmin.get("/api/v1/webhooks/" + tenantHook), 404, "WEBHOOK_NOT_FOUND", tenantHook);
            assertThat(otherTenantAdmin.delete("/api/v1/webhooks/" + tenantHook).status()).isEqualTo(404);
            assertThat(bob.put("/api/v1/webhooks/" + aliceHook, webhook("x", "level", "user")).status()).isEqualTo(404);
            assertThat(bob.patch("/api/v1/webhooks/" + aliceHook, List.of(op("replace", "/name", "x"))).status()).isEqualTo(404);

            assertThat(ids(admin.get("/api/v1/webhooks"))).containsExactlyInAnyOrder(tenantHook, aliceHook);
            assertThat(ids(alice.get("/api/v1/webhooks"))).containsExactly(aliceHook);
            assertThat(ids(bob.get("/api/v1/webhooks"))).isEmpty();
            assertThat(ids(otherTenantAdmin.get("/api/v1/webhooks"))).doesNotContain(tenantHook, aliceHook);
        }

        @Test
        void requiresAValidBearerToken() {
            ApiClient anonymous = new ApiClient(APP.client(), "http://localhost:" + APP.getLocalPort(), null);
            assertError(anonymous.get("/api/v1/webhooks"), 401, "UNAUTHORIZED", "");
            ApiClient forged = new ApiClient(APP.client(), "http://localhost:" + APP.getLocalPort(), admin.token() + "x");
            assertError(forged.get("/api/v1/webhooks"), 401, "UNAUTHORIZED", "");
        }

        @Test
        void unknownIdsAndRoutesAnswerWithTheEnvelope() {
            assertError(admin.get("/api/v1/webhooks/not-a-uuid"), 404, "WEBHOOK_NOT_FOUND", "not-a-uuid");
            assertError(admin.get("/api/v1/nothing-here"), 404, "NOT_FOUND", "");
        }
    }

    @Nested
    class Update {
        @Test
        void putReplacesEverythingAndResetsOmittedFields() {
            String id = createdId(admin, webhook("before", "description", "old", "secret", "s".repeat(40), "enabled", true,
                    "orderedDelivery", true));

            ApiClient.Answer answer = admin.put("/api/v1/webhooks/" + id, Map.of("name", "after", "url", "https://new.example.com/h"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json()).containsEntry("name", "after").containsEntry("enabled", false)
                    .containsEntry("orderedDelivery", false)
                    .containsEntry("secretKeyAdded", false).containsEntry("eventTypes", List.of())
                    .doesNotContainKey("description").containsEntry("ownerId", "admin");
        }

        @Test
        void cloudEventDeliveryCannotBeTurnedOff() {
            String id = createdId(admin, webhook("ce"));
            assertError(admin.put("/api/v1/webhooks/" + id, webhook("ce", "enableCloudEventDelivery", false)), 400,
                    "CLOUD_EVENT_DELIVERY_LOCKED", "enableCloudEventDelivery");
            assertError(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/enableCloudEventDelivery", false))), 400,
                    "CLOUD_EVENT_DELIVERY_LOCKED", "enableCloudEventDelivery");
        }

        @Test
        void patchAppliesAllOperationsOrNone() {
            String id = createdId(admin, webhook("patchme"));

            assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(
                    op("replace", "/name", "patched"), op("add", "/description", "desc"),
                    op("replace", "/enabled", true), op("add", "/headers", Map.of("X-A", "1")))).status()).isEqualTo(204);
            assertThat(admin.get("/api/v1/webhooks/" + id).json()).containsEntry("name", "patched")
                    .containsEntry("description", "desc").containsEntry("enabled", true)
                    .containsEntry("headers", Map.of("X-A", "1"));

            assertError(admin.patch("/api/v1/webhooks/" + id, List.of(
                    op("replace", "/name", "never"), op("remove", "/url", null))), 400, "INVALID_PATCH", "/url");
            assertError(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/level", "user"))), 400, "INVALID_PATCH", "/level");
            assertError(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/enabled", "yes"))), 400, "INVALID_PATCH", "boolean");
            assertThat(admin.get("/api/v1/webhooks/" + id).json()).containsEntry("name", "patched");
        }

        @Test
        void orderedDeliveryIsSetByPatchAndRefusedWhenNotABoolean() {
            String id = createdId(admin, webhook("ordered"));

            assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/orderedDelivery", true))).status())
                    .isEqualTo(204);
            assertThat(admin.get("/api/v1/webhooks/" + id).json()).containsEntry("orderedDelivery", true);
            assertError(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/orderedDelivery", "yes"))), 400,
                    "INVALID_PATCH", "'/orderedDelivery' must be a boolean");
            assertError(admin.put("/api/v1/webhooks/" + id, webhook("ordered", "orderedDelivery", "yes")), 400,
                    "MALFORMED_JSON", "'orderedDelivery' must be a boolean");
            assertError(admin.put("/api/v1/webhooks/" + id, webhook("ordered", "orderedDelivery", "true")), 400,
                    "MALFORMED_JSON", "'orderedDelivery' must be a boolean");
            assertError(admin.post("/api/v1/webhooks", webhook("coerced", "enabled", 1)), 400,
                    "MALFORMED_JSON", "'enabled' must be a boolean");
            assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(op("remove", "/orderedDelivery", null))).status())
                    .isEqualTo(204);
            assertThat(admin.get("/api/v1/webhooks/" + id).json()).containsEntry("orderedDelivery", false);
        }

        @Test
        void urlChangeNeedsNewEncryptedHeaderValues() {
            String id = createdId(admin, webhook("enc", "encryptedHeaders", Map.of("X-Api-Key", "k")));

            assertError(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/url", "https://elsewhere.example.com"))),
                    400, "ENCRYPTED_HEADERS_REQUIRED", "X-Api-Key");
            assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/url", "https://elsewhere.example.com"),
                    op("replace", "/encryptedHeaders", Map.of("X-Api-Key", "k2")))).status()).isEqualTo(204);
        }

        @Test
        void reEnablingClearsNothingItShouldNotAndUpdatesAudit() {
            String id = createdId(alice, webhook("audit", "level", "user"));
            assertThat(admin.patch("/api/v1/webhooks/" + id, List.of(op("replace", "/enabled", true))).status()).isEqualTo(204);
            assertThat(alice.get("/api/v1/webhooks/" + id).json()).containsEntry("updatedByUserId", "admin")
                    .containsEntry("createdByUserId", "alice").containsEntry("ownerId", "alice");
        }
    }

    @Nested
    class Delete {
        @Test
        void deletesOnceThenNotFound() {
            String id = createdId(admin, webhook("gone"));
            assertThat(admin.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
            assertThat(admin.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
            assertThat(admin.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        }
    }

    @Nested
    class Listing {
        @Test
        void pagesFollowAbsoluteLinksBothWays() {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                created.add(0, createdId(admin, webhook("page-" + i)));
            }
            ApiClient.Answer first = admin.get("/api/v1/webhooks?limit=10");
            assertThat(first.link("prev")).isNull();
            assertThat(first.link("self")).startsWith("http://");
            ApiClient.Answer second = admin.getAbsolute(first.link("next"));
            ApiClient.Answer third = admin.getAbsolute(second.link("next"));
            assertThat(third.link("next")).isNull();

            List<String> walked = new ArrayList<>(ids(first));
            walked.addAll(ids(second));
            walked.addAll(ids(third));
            assertThat(walked).containsExactlyElementsOf(created);
            assertThat(ids(admin.getAbsolute(second.link("prev")))).containsExactlyElementsOf(ids(first));
        }

        @Test
        void filtersAndSorts() {
            String a = createdId(admin, webhook("Alpha Orders", "enabled", true,
                    "eventTypes", List.of("com.qlik.v1.app.created", "com.qlik.v1.app.deleted")));
            String b = createdId(admin, webhook("beta reloads", "origin", "automations"));
            String c = createdId(alice, webhook("gamma", "level", "user"));

            assertThat(ids(admin.get("/api/v1/webhooks?name=ORDERS"))).containsExactly(a);
            assertThat(ids(admin.get("/api/v1/webhooks?name=b*s"))).containsExactly(b);
            assertThat(ids(admin.get("/api/v1/webhooks?enabled=true"))).containsExactly(a);
            assertThat(ids(admin.get("/api/v1/webhooks?eventTypes=com.qlik.v1.app.created,com.qlik.v1.app.deleted"))).containsExactly(a);
            assertThat(ids(admin.get("/api/v1/webhooks?origins=automations,management-console"))).containsExactly(b);
            assertThat(ids(admin.get("/api/v1/webhooks?level=user"))).containsExactly(c);
            assertThat(ids(admin.get("/api/v1/webhooks?ownerId=alice"))).containsExactly(c);
            assertThat(ids(admin.get("/api/v1/webhooks?createdByUserId=alice"))).containsExactly(c);
            assertThat(ids(admin.get("/api/v1/webhooks?url=*/hooks/gamma"))).containsExactly(c);
            assertThat(ids(admin.get("/api/v1/webhooks?sort=name"))).containsExactly(a, b, c);
            assertThat(ids(admin.get("/api/v1/webhooks?sort=-name"))).containsExactly(c, b, a);
        }

        @Test
        void rejectsInvalidParameters() {
            assertError(admin.get("/api/v1/webhooks?limit=0"), 400, "INVALID_QUERY_PARAMETER", "limit");
            assertError(admin.get("/api/v1/webhooks?limit=101"), 400, "INVALID_QUERY_PARAMETER", "limit");
            assertError(admin.get("/api/v1/webhooks?sort=color"), 400, "INVALID_QUERY_PARAMETER", "sort");
            assertError(admin.get("/api/v1/webhooks?enabled=maybe"), 400, "INVALID_QUERY_PARAMETER", "enabled");
            assertError(admin.get("/api/v1/webhooks?next=garbage"), 400, "INVALID_CURSOR", "cursor");
        }
    }

    /** Errors raised below Jersey (Jetty's parser, Dropwizard's filters, the body stream) are the envelope too. */
    @Nested
    class HttpLayer {
        private final String auth = "Authorization: Bearer " + admin.token() + "\r\n";

        @Test
        void requestsJettyRefusesAnswerTheEnvelope() throws Exception {
            assertRawError("TRACE /api/v1/webhooks HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n", 405, "METHOD_NOT_ALLOWED");
            assertRawError("GET /api/v1/webhooks HTTP/9.9\r\nHost: x\r\n\r\n", 400, "INVALID_REQUEST");
            assertRawError("GET /api/v1/webhooks HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431, "INVALID_REQUEST");
            assertRawError("GET /api/v1/webhooks HTTP/1.1\r\nHost: x\r\nExpect: nonsense\r\n" + auth + "\r\n", 417, "INVALID_REQUEST");
        }

        @Test
        void bodiesThatCannotBeReadAreBadRequests() throws Exception {
            String post = "POST /api/v1/webhooks HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n";
            assertRawError(post + "Content-Length: 100\r\n\r\n{\"name\":", 400, "INVALID_REQUEST");
            assertRawError(post + "Content-Encoding: gzip\r\nContent-Length: 10\r\n\r\n{\"name\":1}", 400, "INVALID_REQUEST");
        }

        @Test
        void aCharsetThatCannotBeDecodedIsUnsupported() throws Exception {
            assertRawError("POST /api/v1/events HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Type: application/json; charset=no-such-charset\r\nContent-Length: 2\r\n\r\n{}", 415, "UNSUPPORTED_MEDIA_TYPE");
        }

        /** Writes the request, half-closes, and checks the one answer. */
        private void assertRawError(String request, int status, String code) throws Exception {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", APP.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status + " ").containsIgnoringCase("Content-Type: application/json");
                ApiClient.Answer parsed = new ApiClient.Answer(status, body, null);
                assertThat(parsed.errorCode()).as(answer).isEqualTo(code);
                assertThat(parsed.json()).containsKey("traceId");
            }
        }
    }

    @Test
    void listsTheEventTypeCatalog() {
        List<Map<String, Object>> types = alice.get("/api/v1/webhooks/event-types").data();
        assertThat(types).extracting(type -> type.get("name")).contains("com.qlik.v1.app.created", "com.qlik.v1.app.reload.finished");
        assertThat(types.get(0)).containsKeys("name", "title", "description", "levels", "category");
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().stream().map(item -> (String) item.get("id")).toList();
    }

    static void assertError(ApiClient.Answer answer, int status, String code, String detailFragment) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(code);
        assertThat(answer.errorDetail()).as(answer.body()).contains(detailFragment);
        assertThat(answer.json()).containsKey("traceId");
    }
}
