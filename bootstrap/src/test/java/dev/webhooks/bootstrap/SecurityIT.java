package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import dev.webhooks.domain.webhook.TargetPolicy;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who can reach what, over every endpoint. Tenant isolation: another tenant's webhook and delivery ids answer 404
 * (README: "their ids answer 404, not 403"), exactly like ids that do not exist, for every operation; a non-admin
 * neither sees another user's webhooks nor tenant-level ones. Authentication: every kind of bad token is a 401 in the
 * envelope on every endpoint. SSRF, with the guard active (no exempt ranges): loopback, private, link-local,
 * unspecified and embedded-IPv4 targets are refused when a webhook is created or updated, and names that only
 * resolution reveals as local are refused at delivery, proven by a local receiver that sees no request (and that the
 * same URLs reach when loopback is allowed). Redirects are never followed. The figures go to {@code security.txt}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecurityIT {
    static final FaultyReceiver RECEIVER = new FaultyReceiver();
    static final DropwizardAppExtension<WebhooksConfiguration> APP = TestApp.create(
            ConfigOverride.config("delivery.pollInterval", "50ms"),
            ConfigOverride.config("delivery.retryDelays", "0s"));
    static final Matrix MATRIX = new Matrix();
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String W = "/api/v1/webhooks/";
    static final List<String> LOOPBACK_NAMES = namesResolvingToLoopback();

    /** A running instance of the service: its configuration and application port. */
    private record Instance(WebhooksConfiguration configuration, int port) {
        static Instance of(DropwizardAppExtension<WebhooksConfiguration> app) {
            return new Instance(app.getConfiguration(), app.getLocalPort());
        }

        ApiClient client(String tenant, String user, String... roles) {
            String token = new DevTokenIssuer(configuration.getAuth().toJwtSettings()).issue(tenant, user, List.of(roles), Duration.ofMinutes(10));
            return new ApiClient(APP.client(), "http://localhost:" + port, token);
        }
    }

    @AfterAll
    static void report() {
        RECEIVER.close();
        TestApp.forgetTenants("sec-");
        Reports.write("security.txt", MATRIX.report());
    }

    // ---- tenant and user isolation

    /** One operation on a webhook (and a delivery of it). */
    private record Operation(String name, BiFunction<ApiClient, String[], ApiClient.Answer> call) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("GET webhook", (c, ids) -> c.get(W + ids[0])),
            new Operation("PUT webhook", (c, ids) -> c.put(W + ids[0], body("hijacked", RECEIVER.url("/hijacked"), "level", "user"))),
            new Operation("PATCH webhook", (c, ids) -> c.patch(W + ids[0], List.of(WebhooksApiTest.op("replace", "/name", "hijacked")))),
            new Operation("DELETE webhook", (c, ids) -> c.delete(W + ids[0])),
            new Operation("GET deliveries", (c, ids) -> c.get(W + ids[0] + "/deliveries")),
            new Operation("GET delivery", (c, ids) -> c.get(W + ids[0] + "/deliveries/" + ids[1])),
            new Operation("POST resend", (c, ids) -> c.post(W + ids[0] + "/deliveries/" + ids[1] + "/actions/resend", Map.of())));

    @Test
    void tenantsAndUsersReachOnlyTheirOwnWebhooksAndDeliveries() throws Exception {
        String tenantA = "sec-a-" + UUID.randomUUID();
        String tenantB = "sec-b-" + UUID.randomUUID();
        ApiClient adminA = client(APP, tenantA, "admin", "TenantAdmin");
        ApiClient alice = client(APP, tenantA, "alice");
        ApiClient bob = client(APP, tenantA, "bob");
        ApiClient adminB = client(APP, tenantB, "admin", "TenantAdmin");
        ApiClient userB = client(APP, tenantB, "carol");

        String tenantHook = created(adminA, body("a-tenant", RECEIVER.url("/a-tenant")));
        String aliceHook = created(alice, body("a-alice", RECEIVER.url("/a-alice"), "level", "user"));
        String ownHookB = created(adminB, body("b-own", RECEIVER.url("/b-own")));
        publish(Instance.of(APP), tenantA, "isolation-1", ",\"userid\":\"alice\"");
        String tenantDelivery = awaitFinished(adminA, tenantHook).get("id").asText();
        String aliceDelivery = awaitFinished(adminA, aliceHook).get("id").asText();
        String[] tenantIds = {tenantHook, tenantDelivery};
        String[] aliceIds = {aliceHook, aliceDelivery};

        String section = "isolation";
        for (Map.Entry<String, ApiClient> attacker : Map.of("tenant B's TenantAdmin", adminB, "tenant B's user", userB).entrySet()) {
            everyOperation(section, attacker.getKey() + " on tenant A's tenant webhook", attacker.getValue(), tenantIds, "WEBHOOK_NOT_FOUND");
            everyOperation(section, attacker.getKey() + " on tenant A's user webhook", attacker.getValue(), aliceIds, "WEBHOOK_NOT_FOUND");
        }
        everyOperation(section, "bob (same tenant, no role) on alice's user webhook", bob, aliceIds, "WEBHOOK_NOT_FOUND");
        everyOperation(section, "alice (same tenant, no role) on the tenant-level webhook", alice, tenantIds, "WEBHOOK_NOT_FOUND");
        for (Operation operation : OPERATIONS.subList(5, 7)) {
            expect(section, "tenant B's TenantAdmin: " + operation.name() + " of A's delivery under B's own webhook",
                    operation.call().apply(adminB, new String[] {ownHookB, tenantDelivery}), 404, "DELIVERY_NOT_FOUND");
        }
        sameAnswerAsForNoSuchId(section, adminB, tenantHook);
        listsShowNothingOfOthers(section, adminA, alice, bob, adminB, tenantHook, aliceHook);
        nonAdminsMayNotActForTheTenant(section, alice, aliceHook, adminB, tenantA);
        nothingChanged(section, adminA, tenantHook, aliceHook);

        assertThat(MATRIX.failures(section)).isEmpty();
    }

    private static void everyOperation(String section, String who, ApiClient caller, String[] ids, String code) {
        for (Operation operation : OPERATIONS) {
            expect(section, who + ": " + operation.name(), operation.call().apply(caller, ids), 404, code);
        }
    }

    /** A 404 for a real id of another tenant must not differ from the 404 for an id that does not exist at all. */
    private static void sameAnswerAsForNoSuchId(String section, ApiClient other, String realId) {
        String randomId = UUID.randomUUID().toString();
        ApiClient.Answer forReal = other.get(W + realId);
        ApiClient.Answer forNothing = other.get(W + randomId);
        boolean same = forReal.status() == forNothing.status() && forReal.errorCode().equals(forNothing.errorCode())
                && forReal.errorDetail().replace(realId, randomId).equals(forNothing.errorDetail());
        MATRIX.check(section, "another tenant's real id answers exactly like an unknown id", "same status, code and detail",
                forReal.status() + " " + forReal.errorCode() + " / " + forNothing.status() + " " + forNothing.errorCode(), same);
    }

    private static void listsShowNothingOfOthers(String section, ApiClient adminA, ApiClient alice, ApiClient bob, ApiClient adminB,
                                                 String tenantHook, String aliceHook) {
        for (String query : List.of("", "?ownerId=alice", "?createdByUserId=admin", "?name=a-tenant", "?level=user")) {
            List<String> ids = WebhooksApiTest.ids(adminB.get("/api/v1/webhooks" + query));
            MATRIX.check(section, "tenant B's list " + query + " holds none of A's webhooks", "none", ids.toString(),
                    !ids.contains(tenantHook) && !ids.contains(aliceHook));
        }
        String cursorOfA = adminA.get("/api/v1/webhooks?limit=1").link("next");
        List<String> viaCursor = WebhooksApiTest.ids(adminB.getAbsolute(cursorOfA));
        MATRIX.check(section, "tenant B following a cursor issued to tenant A sees none of A's webhooks", "none",
                viaCursor.toString(), !viaCursor.contains(tenantHook) && !viaCursor.contains(aliceHook));
        List<String> bobs = WebhooksApiTest.ids(bob.get("/api/v1/webhooks?ownerId=alice"));
        MATRIX.check(section, "bob's list (ownerId=alice) holds nothing", "[]", bobs.toString(), bobs.isEmpty());
        List<String> alices = WebhooksApiTest.ids(alice.get("/api/v1/webhooks?level=tenant"));
        MATRIX.check(section, "alice's list (level=tenant) holds nothing", "[]", alices.toString(), alices.isEmpty());
        List<String> alicesAll = WebhooksApiTest.ids(alice.get("/api/v1/webhooks"));
        MATRIX.check(section, "alice's list holds only her own", "[" + aliceHook + "]", alicesAll.toString(),
                alicesAll.equals(List.of(aliceHook)));
    }

    private static void nonAdminsMayNotActForTheTenant(String section, ApiClient alice, String aliceHook, ApiClient adminB,
                                                       String tenantA) {
        expect(section, "alice creates a tenant-level webhook", alice.post("/api/v1/webhooks", body("t", RECEIVER.url("/x"))), 403, "FORBIDDEN");
        expect(section, "alice creates a webhook owned by bob", alice.post("/api/v1/webhooks",
                body("t", RECEIVER.url("/x"), "level", "user", "ownerId", "bob")), 403, "FORBIDDEN");
        expect(section, "alice turns her webhook into a tenant-level one (PUT)", alice.put(W + aliceHook,
                body("t", RECEIVER.url("/x"), "level", "tenant")), 403, "FORBIDDEN");
        expect(section, "alice gives her webhook to bob (PUT)", alice.put(W + aliceHook,
                body("t", RECEIVER.url("/x"), "level", "user", "ownerId", "bob")), 403, "FORBIDDEN");
        expect(section, "alice publishes an event into her tenant", publishAs(alice, tenantA, "forbidden-1"), 403, "FORBIDDEN");
        expect(section, "tenant B's TenantAdmin publishes into tenant A", publishAs(adminB, tenantA, "forbidden-2"), 403, "FORBIDDEN");
    }

    private static void nothingChanged(String section, ApiClient adminA, String tenantHook, String aliceHook) {
        ApiClient.Answer tenant = adminA.get(W + tenantHook);
        ApiClient.Answer alices = adminA.get(W + aliceHook);
        MATRIX.check(section, "afterwards tenant A's webhooks are unchanged", "200 a-tenant, 200 a-alice",
                tenant.status() + " " + tenant.json().get("name") + ", " + alices.status() + " " + alices.json().get("name"),
                tenant.status() == 200 && "a-tenant".equals(tenant.json().get("name"))
                        && alices.status() == 200 && "a-alice".equals(alices.json().get("name")));
        int deliveries = adminA.get(W + tenantHook + "/deliveries").data().size();
        MATRIX.check(section, "afterwards no resend reached tenant A's receivers", "1 request each, 1 delivery",
                RECEIVER.count("/a-tenant") + ", " + RECEIVER.count("/a-alice") + ", " + deliveries + " deliveries",
                RECEIVER.count("/a-tenant") == 1 && RECEIVER.count("/a-alice") == 1 && deliveries == 1);
    }

    // ---- authentication

    @Test
    void everyBadTokenIsA401OnEveryEndpoint() throws Exception {
        String tenant = "sec-auth-" + UUID.randomUUID();
        ApiClient admin = client(APP, tenant, "admin", "TenantAdmin");
        String hook = created(admin, body("auth", RECEIVER.url("/auth")));
        publish(Instance.of(APP), tenant, "auth-1", "");
        String delivery = awaitFinished(admin, hook).get("id").asText();
        Map<String, String> badAuthorizations = badAuthorizations(admin.token(), client(APP, "sec-auth-other", "x").token());
        List<String[]> endpoints = endpoints(hook, delivery, tenant);

        for (Map.Entry<String, String> authorization : badAuthorizations.entrySet()) {
            for (String[] endpoint : endpoints) {
                Raw answer = send(Instance.of(APP), endpoint[0], endpoint[1], authorization.getValue(), endpoint[2]);
                boolean ok = answer.status() == 401 && "UNAUTHORIZED".equals(answer.code()) && answer.hasTraceId()
                        && "Bearer".equals(answer.wwwAuthenticate()) && !leaksToken(answer.body(), authorization.getValue());
                MATRIX.check("authentication", authorization.getKey() + " → " + endpoint[0] + " " + endpoint[3],
                        "401 UNAUTHORIZED, WWW-Authenticate: Bearer", answer.status() + " " + answer.code(), ok);
            }
        }
        for (String[] endpoint : endpoints.stream().filter(e -> e[0].equals("GET")).toList()) {
            Raw control = send(Instance.of(APP), "GET", endpoint[1], "Bearer " + admin.token(), null);
            MATRIX.check("authentication", "control: a valid token → GET " + endpoint[3], "200", String.valueOf(control.status()),
                    control.status() == 200 || endpoint[3].equals("unknown route") && control.status() == 404);
        }
        assertThat(MATRIX.failures("authentication")).isEmpty();
    }

    /** Name → Authorization header value (null: no header). */
    private static Map<String, String> badAuthorizations(String valid, String otherTenants) throws JOSEException {
        String secret = APP.getConfiguration().getAuth().toJwtSettings().hmacSecret();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no Authorization header", null);
        bad.put("'Bearer' without a token", "Bearer");
        bad.put("garbage token", "Bearer not-a-token");
        bad.put("three garbage segments", "Bearer a.b.c");
        bad.put("the token without the Bearer prefix", valid);
        bad.put("Basic credentials", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
        bad.put("another scheme with the token", "Token " + valid);
        bad.put("alg none", "Bearer " + new PlainJWT(claims().build()).serialize());
        bad.put("alg none with a signature part", "Bearer " + new PlainJWT(claims().build()).serialize() + "c2lnbmF0dXJl");
        bad.put("expired", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().expirationTime(Date.from(Instant.now().minusSeconds(600)))));
        bad.put("not valid yet (nbf)", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
        bad.put("no exp", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().expirationTime(null)));
        bad.put("signed with a wrong key", "Bearer " + sign("a-wrong-secret-that-is-long-enough-0123456789abcdef", JWSAlgorithm.HS256, claims()));
        bad.put("HS384 with the right secret", "Bearer " + sign(secret, JWSAlgorithm.HS384, claims()));
        bad.put("RS256 header, no JWKS configured", "Bearer " + Base64URL.encode("{\"alg\":\"RS256\"}") + "." + valid.split("\\.")[1]
                + "." + Base64URL.encode("forged"));
        bad.put("payload of another tenant under this signature", "Bearer " + valid.split("\\.")[0] + "." + otherTenants.split("\\.")[1]
                + "." + valid.split("\\.")[2]);
        bad.put("last signature byte changed", "Bearer " + valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA"));
        bad.put("no tenant claim", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("tenantId", null)));
        bad.put("tenant under the wrong claim name", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("tenantId", null).claim("tenant", "sec-x")));
        bad.put("tenant claim a number", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("tenantId", 42)));
        bad.put("tenant claim blank", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("tenantId", " ")));
        bad.put("tenant claim longer than 255", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("tenantId", "sec-" + "t".repeat(300))));
        bad.put("no sub", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().subject(null)));
        bad.put("roles holding null", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("roles", Arrays.asList("TenantAdmin", null))));
        bad.put("roles a string", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims().claim("roles", "TenantAdmin")));
        return bad;
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("admin").claim("tenantId", "sec-auth-claims").claim("roles", List.of("TenantAdmin"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String sign(String secret, JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** Method, path, JSON body, name: every route of the API, with real ids. */
    private static List<String[]> endpoints(String hook, String delivery, String tenant) {
        String webhook = json(body("auth", RECEIVER.url("/auth")));
        String event = "{\"specversion\":\"1.0\",\"id\":\"auth-2\",\"source\":\"sec\",\"type\":\"com.qlik.v1.app.created\",\"tenantid\":\""
                + tenant + "\"}";
        return List.of(
                new String[] {"GET", "/api/v1/webhooks", null, "list webhooks"},
                new String[] {"POST", "/api/v1/webhooks", webhook, "create webhook"},
                new String[] {"GET", W + hook, null, "get webhook"},
                new String[] {"PUT", W + hook, webhook, "replace webhook"},
                new String[] {"PATCH", W + hook, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"}]", "patch webhook"},
                new String[] {"DELETE", W + hook, null, "delete webhook"},
                new String[] {"GET", "/api/v1/webhooks/event-types", null, "event types"},
                new String[] {"GET", W + hook + "/deliveries", null, "list deliveries"},
                new String[] {"GET", W + hook + "/deliveries/" + delivery, null, "get delivery"},
                new String[] {"POST", W + hook + "/deliveries/" + delivery + "/actions/resend", "{}", "resend delivery"},
                new String[] {"POST", "/api/v1/events", event, "publish event"},
                new String[] {"GET", "/api/v1/no-such-route", null, "unknown route"});
    }

    private static boolean leaksToken(String body, String authorization) {
        if (authorization == null) {
            return false;
        }
        String[] parts = authorization.replaceFirst("^\\S+ ", "").split("\\.");
        return Arrays.stream(parts).filter(part -> part.length() > 20).anyMatch(body::contains);
    }

    // ---- SSRF

    /**
     * The guarded instance shares the delivery queue (the database) with {@link #APP}, which allows loopback; so APP
     * claims nothing while the guarded one runs, and the guarded one runs only for this test.
     */
    @Test
    void localAndPrivateTargetsAreRefusedWhenTheGuardIsOn() throws Exception {
        DropwizardTestSupport<WebhooksConfiguration> guarded = new DropwizardTestSupport<>(WebhooksApplication.class, TestApp.CONFIG,
                TestApp.overrides(Map.of("allowedTargetCidrs", ""), ConfigOverride.config("delivery.pollInterval", "50ms")));
        adminTask("pause-delivery");
        guarded.before();
        try {
            refusesLocalTargets(new Instance(guarded.getConfiguration(), guarded.getLocalPort()));
        } finally {
            guarded.after();
            adminTask("resume-delivery");
        }
        assertThat(MATRIX.failures("ssrf")).isEmpty();
    }

    private static void refusesLocalTargets(Instance guarded) throws Exception {
        String tenant = "sec-ssrf-" + UUID.randomUUID();
        ApiClient admin = guarded.client(tenant, "admin", "TenantAdmin");
        int port = RECEIVER.port();
        String section = "ssrf";
        String updatable = created(admin, body("updatable", "https://receiver.example.com/hooks"));
        int refused = 0;
        List<String> targets = literalTargets(port);
        for (String url : targets) {
            refused += expectRefused(section, "create " + url, admin.post("/api/v1/webhooks", body("ssrf", url)));
            refused += expectRefused(section, "update (PUT) to " + url, admin.put(W + updatable, body("ssrf", url)));
            refused += expectRefused(section, "update (PATCH) to " + url, admin.patch(W + updatable, List.of(WebhooksApiTest.op("replace", "/url", url))));
        }
        MATRIX.note(section, "URLs with an address or local name: " + targets.size() + ", refused at create, PUT and PATCH: "
                + refused + " of " + 3 * targets.size());
        refusedAtDelivery(section, guarded, admin, tenant, port);
    }

    private static void adminTask(String task) {
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/tasks/" + task).request()
                .post(Entity.text(""))) {
            assertThat(response.getStatus()).as(task).isEqualTo(200);
        }
    }

    /** IP literals and local names, in the forms an attacker would try; all of them are visible in the URL itself. */
    private static List<String> literalTargets(int port) {
        String p = ":" + port;
        return List.of("http://127.0.0.1" + p + "/ssrf", "http://127.0.0.2" + p + "/ssrf", "http://localhost" + p + "/ssrf",
                "http://LocalHost" + p + "/ssrf", "http://anything.localhost" + p + "/ssrf", "http://[::1]" + p + "/ssrf",
                "http://[0:0:0:0:0:0:0:1]" + p + "/ssrf", "http://[::]" + p + "/ssrf", "http://0.0.0.0" + p + "/ssrf",
                "http://10.0.0.1/ssrf", "http://10.255.255.254" + p + "/ssrf", "http://172.16.0.1/ssrf", "http://192.168.1.1/ssrf",
                "http://100.64.0.1/ssrf", "http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/ssrf", "http://[fd00::1]/ssrf", "http://[::ffff:127.0.0.1]" + p + "/ssrf",
                "http://[::ffff:7f00:1]" + p + "/ssrf", "http://[0:0:0:0:0:ffff:a9fe:a9fe]/latest/meta-data/",
                "http://[::127.0.0.1]" + p + "/ssrf", "http://[64:ff9b::7f00:1]" + p + "/ssrf", "http://[2002:7f00:1::]" + p + "/ssrf",
                "http://2130706433" + p + "/ssrf", "http://0x7f000001" + p + "/ssrf", "http://0x7f.0.0.1" + p + "/ssrf",
                "http://017700000001" + p + "/ssrf", "http://0177.0.0.1" + p + "/ssrf", "http://127.1" + p + "/ssrf",
                "http://127.0.0.1." + p + "/ssrf", "http://%31%32%37.0.0.1" + p + "/ssrf", "http://user@127.0.0.1" + p + "/ssrf",
                "http://localhost." + p + "/ssrf", "http://LOCALHOST." + p + "/ssrf", "http://anything.localhost." + p + "/ssrf",
                "http://localhost.localdomain" + p + "/ssrf", "http://ip6-localhost" + p + "/ssrf", "http://ip6-loopback" + p + "/ssrf",
                "http://0" + p + "/ssrf", "http://0x7f000001." + p + "/ssrf", "http://[fe80::1%25eth0]/ssrf",
                "http://metadata/computeMetadata/v1/", "http://metadata.google.internal/computeMetadata/v1/",
                "http://printer.local/ssrf", "http://router.home.arpa/ssrf");
    }

    private static int expectRefused(String section, String what, ApiClient.Answer answer) {
        boolean refused = answer.status() == 400 && "VALIDATION_FAILED".equals(codeOf(answer)) && answer.errorDetail().contains("url");
        MATRIX.check(section, what, "400 VALIDATION_FAILED naming 'url'", answer.status() + " " + codeOf(answer), refused);
        return refused ? 1 : 0;
    }

    /**
     * Names that are not IP literals but resolve to loopback can only be caught when the connection is made: they
     * are accepted at create, and their deliveries must fail without a single request reaching the receiver they
     * point at.
     */
    private static void refusedAtDelivery(String section, Instance guarded, ApiClient admin, String tenant, int port) throws Exception {
        if (LOOPBACK_NAMES.isEmpty()) {
            MATRIX.note(section, "WARNING: no name on this machine that only resolution can tell resolves to loopback only "
                    + "(its host name, /etc/hosts); those cases were not run");
            return;
        }
        Map<String, String> hooks = new LinkedHashMap<>();
        for (int i = 0; i < LOOPBACK_NAMES.size(); i++) {
            String url = "http://" + LOOPBACK_NAMES.get(i) + ":" + port + "/resolved-" + i;
            ApiClient.Answer answer = admin.post("/api/v1/webhooks", body("resolved-" + i, url));
            MATRIX.check(section, "create " + url + " (only resolution tells)", "201", String.valueOf(answer.status()), answer.status() == 201);
            hooks.put((String) answer.json().get("id"), url);
        }
        String patchedUrl = "http://" + LOOPBACK_NAMES.get(0) + ":" + port + "/patched";
        String patched = created(admin, body("patched", "https://receiver.example.com/hooks"));
        ApiClient.Answer patch = admin.patch(W + patched, List.of(WebhooksApiTest.op("replace", "/url", patchedUrl)));
        MATRIX.check(section, "PATCH to " + patchedUrl + " (only resolution tells)", "204", String.valueOf(patch.status()), patch.status() == 204);
        hooks.put(patched, patchedUrl + " (set by PATCH)");

        publish(guarded, tenant, "ssrf-1", "");
        int refused = 0;
        String resent = null;
        for (Map.Entry<String, String> hook : hooks.entrySet()) {
            JsonNode delivery = awaitFinished(admin, hook.getKey());
            refused += expectRefusedDelivery(section, "deliver to " + hook.getValue(), delivery);
            resent = resent == null ? hook.getKey() + "/deliveries/" + delivery.get("id").asText() : resent;
        }
        ApiClient.Answer resend = admin.post(W + resent + "/actions/resend", Map.of());
        refused += expectRefusedDelivery(section, "resend to " + hooks.values().iterator().next(), JSON.readTree(resend.body()));
        int hits = RECEIVER.count("/patched");
        for (int i = 0; i < LOOPBACK_NAMES.size(); i++) {
            hits += RECEIVER.count("/resolved-" + i);
        }
        MATRIX.check(section, "requests that reached the local receiver behind those names", "0", String.valueOf(hits), hits == 0);
        MATRIX.note(section, "names resolving to loopback: " + LOOPBACK_NAMES + "; deliveries and resends refused at connection time: "
                + refused + " of " + (hooks.size() + 1) + "; requests that reached the receiver: " + hits);
    }

    private static int expectRefusedDelivery(String section, String what, JsonNode delivery) {
        String message = delivery.path("statusMessage").asText();
        boolean refused = "fail".equals(delivery.path("status").asText()) && message.contains("is not allowed (loopback");
        MATRIX.check(section, what, "delivery failed: address not allowed (loopback)",
                delivery.path("status").asText() + " / " + delivery.path("state").asText() + " / " + message, refused);
        return refused ? 1 : 0;
    }

    /**
     * This machine's name and every /etc/hosts name for a loopback address, but those the target policy refuses
     * without DNS (localhost in any spelling, single labels, .localdomain...): they are among the create cases above.
     */
    private static List<String> namesResolvingToLoopback() {
        Set<String> candidates = new LinkedHashSet<>();
        try {
            candidates.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException unknown) {
            // then only the other candidates
        }
        for (String line : hostsFile()) {
            String[] fields = line.replaceAll("#.*", "").trim().split("\\s+");
            if (fields.length > 1 && (fields[0].startsWith("127.") || fields[0].equals("::1"))) {
                candidates.addAll(Arrays.asList(fields).subList(1, fields.length));
            }
        }
        return candidates.stream()
                .filter(name -> TargetPolicy.STRICT.whyRefused(name).isEmpty())
                .filter(SecurityIT::resolvesToLoopbackOnly)
                .collect(Collectors.toList());
    }

    private static List<String> hostsFile() {
        try {
            return Files.readAllLines(Path.of("/etc/hosts"));
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static boolean resolvesToLoopbackOnly(String name) {
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).allMatch(InetAddress::isLoopbackAddress);
        } catch (IOException unknown) {
            return false;
        }
    }

    /** Control: the names the guarded instance refused do lead to the receiver, so its zero hits prove the refusal. */
    @Test
    void theSameLocalNamesReachTheReceiverWhenLoopbackIsAllowed() throws Exception {
        String tenant = "sec-control-" + UUID.randomUUID();
        ApiClient admin = client(APP, tenant, "admin", "TenantAdmin");
        Map<String, String> hooks = new LinkedHashMap<>();
        for (String name : LOOPBACK_NAMES) {
            hooks.put(created(admin, body("control", "http://" + name + ":" + RECEIVER.port() + "/control-" + name)), name);
        }
        publish(Instance.of(APP), tenant, "control-1", "");
        for (Map.Entry<String, String> hook : hooks.entrySet()) {
            JsonNode delivery = awaitFinished(admin, hook.getKey());
            int hits = RECEIVER.count("/control-" + hook.getValue());
            MATRIX.check("ssrf", "control: with 127.0.0.0/8 allowed, a delivery to " + hook.getValue() + " reaches the receiver",
                    "success, 1 request", delivery.path("status").asText() + ", " + hits + " request(s)",
                    "success".equals(delivery.path("status").asText()) && hits == 1);
        }
        assertThat(MATRIX.failures("ssrf")).isEmpty();
    }

    // ---- redirects

    @Test
    void redirectsAreNeverFollowed() throws Exception {
        String tenant = "sec-redirect-" + UUID.randomUUID();
        ApiClient admin = client(APP, tenant, "admin", "TenantAdmin");
        Map<String, Integer> hooks = new LinkedHashMap<>();
        for (int status : List.of(301, 302, 303, 307, 308)) {
            RECEIVER.on("/redirect-" + status, FaultyReceiver.Behaviour.redirect(status, RECEIVER.url("/landing-" + status)));
            hooks.put(created(admin, body("redirect-" + status, RECEIVER.url("/redirect-" + status))), status);
        }
        RECEIVER.on("/redirect-relative", FaultyReceiver.Behaviour.redirect(302, "/landing-relative"));
        hooks.put(created(admin, body("redirect-relative", RECEIVER.url("/redirect-relative"))), 302);
        publish(Instance.of(APP), tenant, "redirect-1", "");

        String section = "redirects";
        String first = null;
        for (Map.Entry<String, Integer> hook : hooks.entrySet()) {
            JsonNode delivery = awaitFinished(admin, hook.getKey());
            first = first == null ? hook.getKey() + "/deliveries/" + delivery.get("id").asText() : first;
            boolean ok = "failed".equals(delivery.path("state").asText()) && delivery.path("attempts").asInt() == 1
                    && delivery.at("/response/statusCode").asInt() == hook.getValue();
            MATRIX.check(section, "a " + hook.getValue() + " answer is final, not followed (" + delivery.at("/request/url").asText() + ")",
                    "failed after 1 attempt with statusCode " + hook.getValue(), delivery.path("state").asText() + " after "
                            + delivery.path("attempts").asInt() + " attempt(s), statusCode " + delivery.at("/response/statusCode").asText(), ok);
        }
        ApiClient.Answer resend = admin.post(W + first + "/actions/resend", Map.of());
        MATRIX.check(section, "a resend is not followed either", "201, fail", resend.status() + ", " + resend.json().get("status"),
                resend.status() == 201 && "fail".equals(resend.json().get("status")));
        int redirected = RECEIVER.count("/landing-relative");
        for (int status : List.of(301, 302, 303, 307, 308)) {
            redirected += RECEIVER.count("/landing-" + status);
        }
        MATRIX.check(section, "requests that reached a redirect's Location", "0", String.valueOf(redirected), redirected == 0);
        assertThat(MATRIX.failures(section)).isEmpty();
    }

    // ---- helpers

    static ApiClient client(DropwizardAppExtension<WebhooksConfiguration> app, String tenant, String user, String... roles) {
        return WebhooksApiTest.client(app, tenant, user, roles);
    }

    static Map<String, Object> body(String name, String url, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("eventTypes", List.of("com.qlik.v1.app.created"));
        body.put("enabled", true);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String created(ApiClient caller, Map<String, Object> body) {
        ApiClient.Answer answer = caller.post("/api/v1/webhooks", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.json().get("id");
    }

    private static void expect(String section, String what, ApiClient.Answer answer, int status, String code) {
        boolean ok = answer.status() == status && code.equals(codeOf(answer)) && answer.json().containsKey("traceId");
        MATRIX.check(section, what, status + " " + code, answer.status() + " " + codeOf(answer), ok);
    }

    private static String codeOf(ApiClient.Answer answer) {
        try {
            return answer.errorCode();
        } catch (RuntimeException | AssertionError notAnEnvelope) {
            return "(no envelope)";
        }
    }

    private static void publish(Instance instance, String tenant, String id, String extra) {
        String token = new DevTokenIssuer(instance.configuration().getAuth().toJwtSettings())
                .issue("platform", "producer", List.of("EventPublisher"), Duration.ofMinutes(10));
        Raw answer = send(instance, "POST", "/api/v1/events", "Bearer " + token, event(tenant, id, extra));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private static ApiClient.Answer publishAs(ApiClient caller, String tenant, String id) {
        Raw answer = send(Instance.of(APP), "POST", "/api/v1/events", "Bearer " + caller.token(), event(tenant, id, ""));
        return new ApiClient.Answer(answer.status(), answer.body(), null);
    }

    private static String event(String tenant, String id, String extra) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"sec\",\"type\":\"com.qlik.v1.app.created\",\"tenantid\":\""
                + tenant + "\"" + extra + "}";
    }

    /** The webhook's first delivery once it has finished (succeeded or failed for good). */
    private static JsonNode awaitFinished(ApiClient caller, String webhookId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode delivery : JSON.readTree(caller.get(W + webhookId + "/deliveries").body()).path("data")) {
                String state = delivery.path("state").asText();
                if (state.equals("succeeded") || state.equals("failed")) {
                    return JSON.readTree(caller.get(W + webhookId + "/deliveries/" + delivery.get("id").asText()).body());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no finished delivery for webhook " + webhookId + " within " + WAIT);
    }

    /** An answer read without assumptions about its shape. */
    private record Raw(int status, String body, String wwwAuthenticate) {
        String code() {
            try {
                return JSON.readTree(body).at("/errors/0/code").asText("(no envelope)");
            } catch (IOException notJson) {
                return "(no envelope)";
            }
        }

        boolean hasTraceId() {
            try {
                return JSON.readTree(body).path("traceId").isTextual();
            } catch (IOException notJson) {
                return false;
            }
        }
    }

    private static Raw send(Instance instance, String method, String path, String authorization, String json) {
        Invocation.Builder request = APP.client().target("http://localhost:" + instance.port() + path).request();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        Entity<String> entity = json == null ? null : Entity.entity(json, json.startsWith("[") && method.equals("PATCH")
                ? "application/json-patch+json" : "application/json");
        try (Response response = entity == null ? request.method(method) : request.method(method, entity)) {
            return new Raw(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "",
                    response.getHeaderString("WWW-Authenticate"));
        }
    }

    /** Every case tried, by section, for the assertions and the report. */
    static final class Matrix {
        record Case(String section, String what, String expected, String got, boolean passed) {
        }

        private final List<Case> cases = Collections.synchronizedList(new ArrayList<>());
        private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        void check(String section, String what, String expected, String got, boolean passed) {
            cases.add(new Case(section, what, expected, got, passed));
        }

        void note(String section, String note) {
            notes.add(section + ": " + note);
        }

        List<String> failures(String section) {
            synchronized (cases) {
                return cases.stream().filter(c -> c.section().equals(section) && !c.passed())
                        .map(c -> c.what() + ": expected " + c.expected() + ", got " + c.got()).toList();
            }
        }

        String report() {
            StringBuilder text = new StringBuilder();
            synchronized (cases) {
                Map<String, List<Case>> bySection = cases.stream().collect(Collectors.groupingBy(Case::section, LinkedHashMap::new,
                        Collectors.toList()));
                bySection.forEach((section, list) -> text.append(String.format("%-15s cases tried %4d, as expected %4d, not %d%n",
                        section, list.size(), list.stream().filter(Case::passed).count(), list.stream().filter(c -> !c.passed()).count())));
                text.append('\n');
                notes.forEach(note -> text.append(note).append('\n'));
                bySection.forEach((section, list) -> {
                    text.append("\n== ").append(section).append('\n');
                    list.forEach(c -> text.append(c.passed() ? "  ok   " : "  FAIL ").append(c.what()).append(" → ").append(c.got())
                            .append(c.passed() ? "" : " (expected " + c.expected() + ")").append('\n'));
                });
            }
            return text.toString();
        }
    }
}
