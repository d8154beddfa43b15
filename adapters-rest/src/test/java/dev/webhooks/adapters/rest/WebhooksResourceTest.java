package dev.webhooks.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.webhooks.application.webhook.CreateWebhook;
import dev.webhooks.application.webhook.WebhookInput;
import dev.webhooks.domain.page.Cursor;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.port.WebhookRepository;
import dev.webhooks.domain.webhook.EventType;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Origin;
import dev.webhooks.domain.webhook.PatchOperation;
import dev.webhooks.domain.webhook.TargetPolicy;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookQuery;
import dev.webhooks.domain.webhook.WebhookRules;
import dev.webhooks.domain.webhook.WebhookSort;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

@ExtendWith(DropwizardExtensionsSupport.class)
class WebhooksResourceTest {
    static final ApiFixture API = new ApiFixture();
    static final ResourceExtension RESOURCES = API.resources;
    static final GenericType<Map<String, Object>> OBJECT = new GenericType<>() { };

    private final Webhook sample = ApiFixture.sampleWebhook();
    private final String id = sample.id().toString();

    @BeforeEach
    void setUp() {
        API.resetMocks();
        when(API.list.list(any(), any(), any(), any())).thenReturn(ApiFixture.emptyPage());
    }

    private static void assertError(Response response, int status, String code, String detailFragment) {
        assertThat(response.getStatus()).isEqualTo(status);
        Map<String, Object> body = ErrorBodies.read(response);
        assertThat(ErrorBodies.code(body)).as(body.toString()).isEqualTo(code);
        assertThat(ErrorBodies.detail(body)).as(body.toString()).contains(detailFragment);
    }

    @Test
    void showsTheReferenceFieldsAndNoSecrets() {
        when(API.get.get(any(), eq(id))).thenReturn(sample);
        Response response = API.admin("/api/v1/webhooks/" + id).get();
        String text = response.readEntity(String.class);
        assertThat(text).doesNotContain("secret\"").doesNotContain("hidden-value").doesNotContain("s".repeat(32));
        Map<String, Object> body = API.admin("/api/v1/webhooks/" + id).get(OBJECT);
        assertThat(body).containsOnlyKeys("id", "url", "name", "level", "enabled", "headers", "ownerId", "createdAt",
                "updatedAt", "eventTypes", "description", "disabledReason", "secretKeyAdded", "createdByUserId",
                "updatedByUserId", "encryptedHeaders", "disabledReasonCode", "enableCloudEventDelivery",
                "checkCertificateRevocation", "origin", "orderedDelivery");
        assertThat(body).containsEntry("createdAt", "2018-10-30T07:06:22.123Z").containsEntry("secretKeyAdded", true)
                .containsEntry("encryptedHeaders", List.of("Authorization")).containsEntry("headers", Map.of("X-Team", "blue"))
                .containsEntry("disabledReasonCode", "CONSECUTIVE_FAILURES").containsEntry("level", "tenant")
                .containsEntry("origin", "api").containsEntry("orderedDelivery", false);
    }

    private Webhook withPreviousSecretUntil(java.time.Instant expiresAt) {
        return new Webhook(sample.id(), sample.tenantId(), sample.definition(), sample.createdAt(), sample.updatedAt(),
                sample.createdByUserId(), sample.updatedByUserId(), sample.disabledReason(), sample.version(),
                new dev.webhooks.domain.webhook.PreviousSecret(new dev.webhooks.domain.webhook.Secret("p".repeat(40)), expiresAt));
    }

    @Test
    void showsWhenAReplacedSecretStopsSigningUntilItDoes() {
        java.time.Instant expires = ApiFixture.NOW.plusSeconds(3600);
        Webhook rotated = withPreviousSecretUntil(expires);
        when(API.get.get(any(), eq(id))).thenReturn(rotated);

        String text = API.admin("/api/v1/webhooks/" + id).get(String.class);
        assertThat(text).contains("\"previousSecretExpiresAt\":\"2026-06-01T01:00:00Z\"").doesNotContain("pppp");

        Webhook expired = withPreviousSecretUntil(ApiFixture.NOW);
        when(API.get.get(any(), eq(id))).thenReturn(expired);
        assertThat(API.admin("/api/v1/webhooks/" + id).get(OBJECT)).doesNotContainKey("previousSecretExpiresAt");
    }

    @Test
    void createAnswers201WithLocationAndPassesOrigin() {
        when(API.create.create(any(), any())).thenReturn(sample);
        Response response = API.admin("/api/v1/webhooks").post(Entity.json(Map.of("name", "orders",
                "url", "https://receiver.example.com/hook", "origin", "automations", "id", "ignored", "unknown", 1)));
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation().toString()).startsWith("http").endsWith("/api/v1/webhooks/" + id);
        ArgumentCaptor<WebhookInput> input = ArgumentCaptor.forClass(WebhookInput.class);
        verify(API.create).create(any(), input.capture());
        assertThat(input.getValue().origin()).isEqualTo("automations");
        assertThat(input.getValue().name()).isEqualTo("orders");
    }

    @Test
    void replaceIgnoresTheOrigin() {
        when(API.replace.replace(any(), eq(id), any())).thenReturn(sample);
        Response response = API.admin("/api/v1/webhooks/" + id).put(Entity.json(Map.of("name", "n", "origin", "automations")));
        assertThat(response.getStatus()).isEqualTo(200);
        ArgumentCaptor<WebhookInput> input = ArgumentCaptor.forClass(WebhookInput.class);
        verify(API.replace).replace(any(), eq(id), input.capture());
        assertThat(input.getValue().origin()).isNull();
    }

    @Test
    void deleteAnswers204() {
        assertThat(API.admin("/api/v1/webhooks/" + id).delete().getStatus()).isEqualTo(204);
        verify(API.delete).delete(any(), eq(id));
    }

    @Test
    void patchTurnsTheArrayIntoOperations() {
        String body = "[{\"op\":\"replace\",\"path\":\"/enabled\",\"value\":true},"
                + "{\"op\":\"add\",\"path\":\"/headers\",\"value\":{\"X-A\":\"1\"}},{\"op\":\"remove\",\"path\":\"/description\"},"
                + "{\"op\":\"replace\",\"path\":\"/eventTypes\",\"value\":[\"a\",2]}]";
        Response response = API.admin("/api/v1/webhooks/" + id).method("PATCH", Entity.entity(body, "application/json-patch+json"));
        assertThat(response.getStatus()).isEqualTo(204);
        verify(API.patch).patch(any(), eq(id), eq(List.of(
                new PatchOperation(PatchOperation.Op.REPLACE, "/enabled", true),
                new PatchOperation(PatchOperation.Op.ADD, "/headers", Map.of("X-A", "1")),
                new PatchOperation(PatchOperation.Op.REMOVE, "/description", null),
                new PatchOperation(PatchOperation.Op.REPLACE, "/eventTypes", List.of("a", 2)))));
    }

    @Test
    void patchRejectsBadShapes() {
        String path = "/api/v1/webhooks/" + id;
        assertError(API.admin(path).method("PATCH", Entity.json("{\"op\":\"replace\"}")), 400, "INVALID_PATCH", "array");
        assertError(API.admin(path).method("PATCH", Entity.json("[1]")), 400, "INVALID_PATCH", "object");
        assertError(API.admin(path).method("PATCH", Entity.json("[{\"path\":\"/name\"}]")), 400, "INVALID_PATCH", "'op'");
        assertError(API.admin(path).method("PATCH", Entity.json("[{\"op\":\"replace\",\"path\":3}]")), 400, "INVALID_PATCH", "'path'");
        assertError(API.admin(path).method("PATCH", Entity.json("[{\"op\":\"move\",\"path\":\"/name\"}]")), 400, "INVALID_PATCH", "move");
        verify(API.patch, never()).patch(any(), anyString(), any());
    }

    @Test
    void listPassesFiltersSortAndLimit() {
        Response response = API.as("/api/v1/webhooks?enabled=true&eventTypes=a,b&level=user&name=x*&origins=api,automations"
                + "&ownerId=o&createdByUserId=c&updatedByUserId=u&url=*hook&sort=-name&limit=5", "alice").get();
        assertThat(response.getStatus()).isEqualTo(200);
        ArgumentCaptor<WebhookQuery> query = ArgumentCaptor.forClass(WebhookQuery.class);
        ArgumentCaptor<WebhookSort> sort = ArgumentCaptor.forClass(WebhookSort.class);
        ArgumentCaptor<PageRequest> page = ArgumentCaptor.forClass(PageRequest.class);
        verify(API.list).list(any(), query.capture(), sort.capture(), page.capture());
        assertThat(query.getValue()).isEqualTo(new WebhookQuery(ApiFixture.TENANT, Optional.empty(), Optional.of("c"),
                Optional.of(true), Set.of("a", "b"), Optional.of(Level.USER), Optional.of("x*"), Optional.of("*hook"),
                Set.of(Origin.API, Origin.AUTOMATIONS), Optional.of("o"), Optional.of("u")));
        assertThat(sort.getValue()).isEqualTo(WebhookSort.parse("-name"));
        assertThat(page.getValue()).isEqualTo(PageRequest.first(5));
    }

    @Test
    void listRejectsInvalidParameters() {
        assertError(API.admin("/api/v1/webhooks?limit=0").get(), 400, "INVALID_QUERY_PARAMETER", "limit");
        assertError(API.admin("/api/v1/webhooks?limit=101").get(), 400, "INVALID_QUERY_PARAMETER", "limit");
        assertError(API.admin("/api/v1/webhooks?limit=ten").get(), 400, "INVALID_QUERY_PARAMETER", "limit");
        assertError(API.admin("/api/v1/webhooks?enabled=maybe").get(), 400, "INVALID_QUERY_PARAMETER", "enabled");
        assertError(API.admin("/api/v1/webhooks?level=galaxy").get(), 400, "INVALID_QUERY_PARAMETER", "level");
        assertError(API.admin("/api/v1/webhooks?origins=api,moon").get(), 400, "INVALID_QUERY_PARAMETER", "origins");
        assertError(API.admin("/api/v1/webhooks?sort=color").get(), 400, "INVALID_QUERY_PARAMETER", "sort");
        assertError(API.admin("/api/v1/webhooks?next=garbage").get(), 400, "INVALID_CURSOR", "cursor");
        String token = new Cursor(Cursor.Direction.NEXT, "-createdAt", "x", "y").encode();
        assertError(API.admin("/api/v1/webhooks?next=" + token + "&prev=" + token).get(), 400, "INVALID_QUERY_PARAMETER", "prev");
        verify(API.list, never()).list(any(), any(), any(), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void linksAreAbsoluteAndKeepOtherParameters() {
        Cursor next = new Cursor(Cursor.Direction.NEXT, "+name", "orders", id);
        Cursor prev = new Cursor(Cursor.Direction.PREV, "+name", "alpha", id);
        when(API.list.list(any(), any(), any(), any())).thenReturn(new Page<>(List.of(sample), Optional.of(next), Optional.of(prev)));
        String old = new Cursor(Cursor.Direction.NEXT, "+name", "a", id).encode();
        Map<String, Object> body = API.admin("/api/v1/webhooks?sort=name&limit=1&name=ord&next=" + old).get(OBJECT);
        Map<String, Map<String, String>> links = (Map<String, Map<String, String>>) body.get("links");
        assertThat(links.get("self").get("href")).startsWith("http").contains("next=" + old);
        assertThat(links.get("next").get("href")).startsWith("http").contains("sort=name", "limit=1", "name=ord",
                "next=" + next.encode()).doesNotContain(old).doesNotContain("prev=");
        assertThat(links.get("prev").get("href")).contains("sort=name", "prev=" + prev.encode()).doesNotContain("next=");
        assertThat((List<Object>) body.get("data")).hasSize(1);
        assertThat(body.toString()).doesNotContain("hidden-value");
    }

    @Test
    void firstPageHasNoNextOrPrev() {
        Map<String, Object> body = API.admin("/api/v1/webhooks").get(OBJECT);
        assertThat(body).containsEntry("data", List.of());
        assertThat((Map<String, Object>) body.get("links")).containsOnlyKeys("self");
    }

    @Test
    void eventTypesDoNotHitTheIdRoute() {
        when(API.eventTypes.list()).thenReturn(List.of(
                new EventType("com.qlik.v1.app.created", "App created", "An app was created", Set.of(Level.USER, Level.TENANT), "apps")));
        Map<String, Object> body = API.as("/api/v1/webhooks/event-types", "alice").get(OBJECT);
        assertThat(body.get("data")).isEqualTo(List.of(Map.of("name", "com.qlik.v1.app.created", "title", "App created",
                "description", "An app was created", "levels", List.of("tenant", "user"), "category", "apps")));
        verify(API.get, never()).get(any(), anyString());
    }

    @Test
    void theServicesOwnEventTypesAreListedAndNoProducerMayPublishThem() {
        when(API.eventTypes.list()).thenReturn(EventTypeCatalog.builtIn().all());
        String listed = API.as("/api/v1/webhooks/event-types", "alice").get(String.class);
        assertThat(listed).contains("\"name\":\"dev.webhooks.webhook.disabled\"", "\"name\":\"dev.webhooks.webhook.enabled\"",
                "never receives it");

        dev.webhooks.application.event.PublishEvent real = new dev.webhooks.application.event.PublishEvent(
                (events, fanOut) -> events.stream().map(event -> true).toList(), new dev.webhooks.domain.delivery.EventMatcher(),
                Clock.systemUTC(), 100);
        when(API.publish.publish(any(), any(), any())).thenAnswer(call -> real.publish(call.getArgument(0),
                call.getArgument(1), call.getArgument(2)));
        Response refused = API.as("/api/v1/events", "producer", "EventPublisher").post(Entity.entity(
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"dev.webhooks.webhook.disabled\","
                        + "\"tenantid\":\"" + ApiFixture.TENANT + "\"}", "application/cloudevents+json"));
        assertError(refused, 400, "INVALID_EVENT", "reserved");
    }

    private void createForReal() {
        CreateWebhook real = new CreateWebhook(mock(WebhookRepository.class),
                new WebhookRules(EventTypeCatalog.builtIn(), TargetPolicy.STRICT), Clock.systemUTC(), 150);
        when(API.create.create(any(), any())).thenAnswer(call -> real.create(call.getArgument(0), call.getArgument(1)));
    }

    @Test
    void createTakesAndShowsTheRateLimit() {
        createForReal();

        Response response = API.admin("/api/v1/webhooks").post(Entity.json(Map.of("name", "limited",
                "url", "https://receiver.example.com/hook", "maxDeliveriesPerSecond", 20)));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.readEntity(OBJECT)).containsEntry("maxDeliveriesPerSecond", 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "\"abc\"", "1.5", "-3", "true", "[20]"})
    void createRejectsRateLimitsOutsideOneToTenThousandWithTheErrorEnvelope(String value) {
        createForReal();

        Response response = API.admin("/api/v1/webhooks").post(Entity.json("{\"name\":\"limited\","
                + "\"url\":\"https://receiver.example.com/hook\",\"maxDeliveriesPerSecond\":" + value + "}"));

        assertThat(response.getStatus()).isEqualTo(400);
        Map<String, Object> body = ErrorBodies.read(response);
        assertThat(body).containsKeys("errors", "traceId");
        assertThat(ErrorBodies.first(body)).containsKeys("code", "title", "detail").containsEntry("code", "VALIDATION_FAILED");
        assertThat(ErrorBodies.detail(body)).contains("'maxDeliveriesPerSecond' must be an integer from 1 to 10000");
    }

    @Test
    void showsTheRateLimitOnlyWhenThereIsOne() {
        dev.webhooks.domain.webhook.WebhookDefinition.Builder limited = sample.definition().toBuilder();
        limited.maxDeliveriesPerSecond = new dev.webhooks.domain.webhook.DeliveryRate(250);
        when(API.get.get(any(), eq(id))).thenReturn(sample.redefine(limited.build(), "admin", ApiFixture.NOW));

        assertThat(API.admin("/api/v1/webhooks/" + id).get(OBJECT)).containsEntry("maxDeliveriesPerSecond", 250);
    }

    @Test
    void replaceAndPatchPassTheRateLimitOnAsSent() {
        when(API.replace.replace(any(), eq(id), any())).thenReturn(sample);
        API.admin("/api/v1/webhooks/" + id).put(Entity.json("{\"name\":\"n\",\"maxDeliveriesPerSecond\":1.5}"));
        ArgumentCaptor<WebhookInput> input = ArgumentCaptor.forClass(WebhookInput.class);
        verify(API.replace).replace(any(), eq(id), input.capture());
        assertThat(input.getValue().maxDeliveriesPerSecond()).isEqualTo(1.5);

        API.admin("/api/v1/webhooks/" + id).method("PATCH", Entity.entity(
                "[{\"op\":\"replace\",\"path\":\"/maxDeliveriesPerSecond\",\"value\":20}]", "application/json-patch+json"));
        verify(API.patch).patch(any(), eq(id), eq(List.of(
                new PatchOperation(PatchOperation.Op.REPLACE, "/maxDeliveriesPerSecond", 20))));
    }

    @Test
    void createTakesAndShowsOrderedDeliveryFalseUnlessAsked() {
        createForReal();

        Response ordered = API.admin("/api/v1/webhooks").post(Entity.json(Map.of("name", "ordered",
                "url", "https://receiver.example.com/hook", "orderedDelivery", true)));
        Response plain = API.admin("/api/v1/webhooks").post(Entity.json(Map.of("name", "plain",
                "url", "https://receiver.example.com/hook")));

        assertThat(ordered.getStatus()).isEqualTo(201);
        assertThat(ordered.readEntity(OBJECT)).containsEntry("orderedDelivery", true);
        assertThat(plain.readEntity(OBJECT)).containsEntry("orderedDelivery", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getAndListShowOrderedDelivery() {
        dev.webhooks.domain.webhook.WebhookDefinition.Builder ordered = sample.definition().toBuilder();
        ordered.orderedDelivery = true;
        Webhook webhook = sample.redefine(ordered.build(), "admin", ApiFixture.NOW);
        when(API.get.get(any(), eq(id))).thenReturn(webhook);
        when(API.list.list(any(), any(), any(), any())).thenReturn(new Page<>(List.of(webhook, sample), Optional.empty(),
                Optional.empty()));

        assertThat(API.admin("/api/v1/webhooks/" + id).get(OBJECT)).containsEntry("orderedDelivery", true);
        List<Map<String, Object>> listed = (List<Map<String, Object>>) API.admin("/api/v1/webhooks").get(OBJECT).get("data");
        assertThat(listed).extracting(item -> item.get("orderedDelivery")).containsExactly(true, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "{}", "[true]"})
    void createAndReplaceRejectOrderedDeliveryThatIsNotABooleanWithTheErrorEnvelope(String value) {
        createForReal();
        String body = "{\"name\":\"ordered\",\"url\":\"https://receiver.example.com/hook\",\"orderedDelivery\":" + value + "}";

        assertError(API.admin("/api/v1/webhooks").post(Entity.json(body)), 400, "MALFORMED_JSON",
                "'orderedDelivery' must be a boolean");
        assertError(API.admin("/api/v1/webhooks/" + id).put(Entity.json(body)), 400, "MALFORMED_JSON",
                "'orderedDelivery' must be a boolean");
        verify(API.replace, never()).replace(any(), anyString(), any());
    }

    @Test
    void replaceAndPatchPassOrderedDeliveryOn() {
        when(API.replace.replace(any(), eq(id), any())).thenReturn(sample);
        API.admin("/api/v1/webhooks/" + id).put(Entity.json("{\"name\":\"n\",\"orderedDelivery\":true}"));
        API.admin("/api/v1/webhooks/" + id).put(Entity.json("{\"name\":\"n\"}"));
        ArgumentCaptor<WebhookInput> input = ArgumentCaptor.forClass(WebhookInput.class);
        verify(API.replace, org.mockito.Mockito.times(2)).replace(any(), eq(id), input.capture());
        assertThat(input.getAllValues()).extracting(WebhookInput::orderedDelivery).containsExactly(true, null);

        API.admin("/api/v1/webhooks/" + id).method("PATCH", Entity.entity(
                "[{\"op\":\"replace\",\"path\":\"/orderedDelivery\",\"value\":true}]", "application/json-patch+json"));
        verify(API.patch).patch(any(), eq(id), eq(List.of(
                new PatchOperation(PatchOperation.Op.REPLACE, "/orderedDelivery", true))));
    }

    @Test
    void patchRejectsOrderedDeliveryThatIsNotABooleanWithTheErrorEnvelope() {
        when(API.patch.patch(any(), eq(id), any())).thenAnswer(call -> {
            new dev.webhooks.domain.webhook.WebhookPatch(call.getArgument(2)).applyTo(sample.definition());
            return sample;
        });

        Response response = API.admin("/api/v1/webhooks/" + id).method("PATCH", Entity.entity(
                "[{\"op\":\"replace\",\"path\":\"/orderedDelivery\",\"value\":\"yes\"}]", "application/json-patch+json"));

        assertThat(response.getStatus()).isEqualTo(400);
        Map<String, Object> body = ErrorBodies.read(response);
        assertThat(body).containsKeys("errors", "traceId");
        assertThat(ErrorBodies.first(body)).containsKeys("code", "title", "detail").containsEntry("code", "INVALID_PATCH");
        assertThat(ErrorBodies.detail(body)).contains("'/orderedDelivery' must be a boolean");
    }

    /** The real use case with the strict target policy behind the resource: spellings of internal hosts. */
    @ParameterizedTest
    @ValueSource(strings = {"https://localhost./hook", "https://LOCALHOST./hook", "https://a.localhost./hook",
            "https://localhost.localdomain/hook", "https://ip6-localhost/hook", "https://[0:0:0:0:0:0:0:1]/hook",
            "https://[::ffff:7f00:1]/hook", "https://[fe80::1%25eth0]/hook", "https://0x7f000001./hook", "https://0/hook",
            "https://metadata.google.internal/computeMetadata/v1/", "https://printer.local/hook", "https://redis/hook"})
    void createRefusesHostsKnownInternalWithoutDns(String url) {
        CreateWebhook strict = new CreateWebhook(mock(WebhookRepository.class),
                new WebhookRules(EventTypeCatalog.builtIn(), TargetPolicy.STRICT), Clock.systemUTC(), 150);
        when(API.create.create(any(), any())).thenAnswer(call -> strict.create(call.getArgument(0), call.getArgument(1)));

        Response response = API.admin("/api/v1/webhooks").post(Entity.json(Map.of("name", "internal", "url", url)));

        assertError(response, 400, "VALIDATION_FAILED", "'url' must name a host by its domain name");
    }
}
