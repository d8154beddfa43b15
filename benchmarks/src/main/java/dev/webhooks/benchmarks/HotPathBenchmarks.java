package dev.webhooks.benchmarks;

import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.event.EventEnvelope;
import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.signature.QlikSignature;
import dev.webhooks.domain.signature.StandardWebhooksSignature;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import dev.webhooks.domain.webhook.WebhookId;
import dev.webhooks.domain.webhook.WebhookUrl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure-Java work per event and delivery: filter evaluation, matching an event against the webhooks of its
 * tenant (10,000 webhooks, 10 subscribed to the type), HMAC signing, and rendering the legacy envelope.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmarks {
    private static final String TYPE = "com.qlik.v1.app.reload.finished";

    private Filter filter;
    private CloudEvent event;
    private byte[] body;
    private List<Webhook> tenantWebhooks;
    private Map<String, List<Webhook>> byType;
    private final EventMatcher matcher = new EventMatcher();
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Setup
    public void setUp() {
        filter = Filter.parse("id eq \"id123\" or spaceId eq \"space-7\" or (topLevelResourceId eq \"app-9\" and data.status eq \"error\")");
        event = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"com.qlik/engine\",\"type\":\"" + TYPE
                + "\",\"tenantid\":\"acme\",\"time\":\"2026-01-01T00:00:00Z\",\"userid\":\"u1\",\"ownerid\":\"u1\","
                + "\"spaceid\":\"space-7\",\"toplevelresourceid\":\"app-9\",\"data\":{\"id\":\"reload-1\",\"status\":\"error\","
                + "\"appId\":\"app-9\",\"duration\":1234}}");
        body = EventEnvelope.CLOUD_EVENTS.render(event);
        tenantWebhooks = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String type = i < 10 ? TYPE : "com.example.type-" + (i % 50);
            tenantWebhooks.add(webhook(i, type));
        }
        byType = tenantWebhooks.stream().collect(Collectors.groupingBy(w -> w.definition().eventTypes().get(0)));
    }

    private Webhook webhook(int i, String type) {
        WebhookDefinition definition = WebhookFixtures.definition(b -> {
            b.name = "w" + i;
            b.url = new WebhookUrl("https://receiver.example.com/" + i);
            b.level = i % 2 == 0 ? Level.TENANT : Level.USER;
            b.ownerId = "u1";
            b.eventTypes = List.of(type);
            b.filter = i % 3 == 0 ? Filter.parse("spaceId eq \"space-7\"") : null;
        });
        return Webhook.create(WebhookId.random(), "acme", definition, "u1", now);
    }

    @Benchmark
    public boolean filterEvaluation() {
        return filter.matches(event);
    }

    /** What the service does per event: the (tenant, type) index hands over the 10 subscribers, which are matched. */
    @Benchmark
    public List<Delivery> matchSubscribersOfTenantAndType() {
        return matcher.fanOut(event, byType.get(event.type()), now);
    }

    /** For comparison: matching by scanning all 10,000 webhooks of the tenant, as without the index. */
    @Benchmark
    public List<Delivery> matchByScanningTheTenant() {
        return matcher.fanOut(event, tenantWebhooks, now);
    }

    @Benchmark
    public String qlikSignature() {
        return QlikSignature.sign(body, "0123456789abcdef0123456789abcdef");
    }

    @Benchmark
    public String standardWebhooksSignature() {
        return StandardWebhooksSignature.sign("msg_1", 1_767_225_600L, body,
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public byte[] legacyEnvelope() {
        return EventEnvelope.LEGACY.render(event);
    }
}
