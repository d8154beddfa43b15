package dev.webhooks.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Webhooks of several tenants (different event types, some filtered by space, some signed) and random events for
 * them, each with the webhooks it must reach, for load and resilience tests.
 */
final class Workload {
    static final String CREATED = "com.qlik.v1.app.created";
    static final String RELOADED = "com.qlik.v1.app.reload.finished";
    static final String DELETED = "com.qlik.v1.app.deleted";
    private static final List<String> TYPES = List.of(CREATED, RELOADED, DELETED);
    private static final List<String> SPACES = List.of("a", "b", "c");

    /** One webhook; {@code space} null means no filter, {@code secret} null means unsigned. */
    record Hook(String tenant, String path, List<String> types, String space, String secret) {
        boolean matches(Event event) {
            return tenant.equals(event.tenant()) && types.contains(event.type()) && (space == null || space.equals(event.space()));
        }

        Map<String, Object> body(String url) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", path);
            body.put("url", url);
            body.put("eventTypes", types);
            body.put("enabled", true);
            if (space != null) {
                body.put("filter", "spaceId eq \"" + space + "\"");
            }
            if (secret != null) {
                body.put("secret", secret);
            }
            return body;
        }
    }

    /** One CloudEvent. */
    record Event(String id, String tenant, String type, String space) {
        String json() {
            return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"com.qlik/engine\",\"type\":\"" + type
                    + "\",\"tenantid\":\"" + tenant + "\",\"spaceid\":\"" + space + "\",\"data\":{\"id\":\"app-" + id + "\"}}";
        }
    }

    private final List<String> tenants = new ArrayList<>();
    private final List<Hook> hooks = new ArrayList<>();
    private final Random random;

    /** Four webhooks per tenant; tenant ids start with {@code prefix} (for {@link TestApp#forgetTenants}). */
    Workload(String prefix, int tenantCount, long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < tenantCount; i++) {
            String tenant = prefix + UUID.randomUUID();
            tenants.add(tenant);
            String root = "/t" + i;
            hooks.add(new Hook(tenant, root + "/all", TYPES, null, i % 2 == 0 ? secret() : null));
            hooks.add(new Hook(tenant, root + "/created-in-a", List.of(CREATED), "a", null));
            hooks.add(new Hook(tenant, root + "/reloads", List.of(RELOADED), null, secret()));
            hooks.add(new Hook(tenant, root + "/lifecycle-in-b", List.of(CREATED, DELETED), "b", i % 2 == 1 ? secret() : null));
        }
    }

    private static String secret() {
        return "secret-" + UUID.randomUUID();
    }

    List<Hook> hooks() {
        return hooks;
    }

    /** Creates every webhook, pointed at the receiver, which is told the secrets to verify; returns their ids. */
    List<String> createWebhooks(ServiceCalls calls, CountingReceiver receiver) {
        List<String> ids = new ArrayList<>();
        for (Hook hook : hooks) {
            ids.add(calls.createWebhook(hook.tenant(), hook.body(receiver.url(hook.path()))));
            if (hook.secret() != null) {
                receiver.expectSignature(hook.path(), hook.secret());
            }
        }
        return ids;
    }

    /** The next random event; ids start with {@code idPrefix} and are unique within this workload. */
    synchronized Event nextEvent(String idPrefix) {
        return new Event(idPrefix + UUID.randomUUID(), tenants.get(random.nextInt(tenants.size())),
                TYPES.get(random.nextInt(TYPES.size())), SPACES.get(random.nextInt(SPACES.size())));
    }

    List<Event> events(int count, String idPrefix) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(nextEvent(idPrefix));
        }
        return events;
    }

    /** The webhooks an event must reach. */
    List<Hook> matching(Event event) {
        return hooks.stream().filter(hook -> hook.matches(event)).toList();
    }

    /** How many deliveries these events must cause. */
    long deliveriesFor(List<Event> events) {
        return events.stream().mapToLong(event -> matching(event).size()).sum();
    }

    /** Waits until every delivery of these events arrived or the time is up; returns how many are still missing. */
    long awaitDelivered(List<Event> events, CountingReceiver receiver, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long missing = missing(events, receiver);
        while (missing > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            missing = missing(events, receiver);
        }
        return missing;
    }

    /** The deliveries of these events that have not arrived at the receiver (yet). */
    long missing(List<Event> events, CountingReceiver receiver) {
        return events.stream().mapToLong(event -> matching(event).stream()
                .filter(hook -> receiver.times(hook.path(), event.id()) == 0).count()).sum();
    }
}
