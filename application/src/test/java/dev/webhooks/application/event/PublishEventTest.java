package dev.webhooks.application.event;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.Callers.PUBLISHER;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import dev.webhooks.domain.webhook.WebhookDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Publishing events: who may publish into which tenant, what a batch may hold, and what is stored: each new event once,
 * with one delivery per matching webhook, due at once; a repeat is accepted and delivers nothing.
 */
class PublishEventTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
    private final InMemoryEventLog log = new InMemoryEventLog(webhooks, deliveries, CLOCK);
    private final PublishEvent publish = new PublishEvent(log, new EventMatcher(), CLOCK, 3);

    private Webhook stored(String tenant, Consumer<WebhookDefinition.Builder> customize) {
        Webhook webhook = WebhookFixtures.webhook(tenant, customize);
        webhooks.insert(webhook, 150);
        return webhook;
    }

    private static CloudEvent event(String tenant, String id) {
        return WebhookFixtures.event(tenant, id);
    }

    /** An event of acme without a time attribute. */
    private static CloudEvent untimed(String id, String type) {
        return CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"test\",\"type\":\"" + type
                + "\",\"tenantid\":\"acme\"}");
    }

    private List<CloudEvent> stored() {
        return log.received().stream().map(InMemoryEventLog.Received::event).toList();
    }

    @Test
    void storesANewEventWithOneDeliveryPerMatchingWebhookDueAtOnce() {
        Webhook matching = stored("acme", b -> { });
        stored("acme", b -> b.enabled = false);
        stored("acme", b -> b.eventTypes = List.of("com.qlik.v1.app.deleted"));
        stored("acme", b -> b.level = Level.USER); // alice's, and the event does not concern alice
        stored("globex", b -> { });

        assertThat(publish.publish(PUBLISHER, List.of(event("acme", "e1")), Optional.empty())).containsExactly(true);

        assertThat(stored()).containsExactly(event("acme", "e1"));
        Delivery delivery = deliveries.all().get(0);
        assertThat(deliveries.all()).hasSize(1);
        assertThat(delivery.webhookId()).isEqualTo(matching.id());
        assertThat(delivery.eventId()).isEqualTo("e1");
        assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(delivery.triggeredAt()).isEqualTo(NOW);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW);
        assertThat(delivery.attempts()).isZero();
    }

    @Test
    void aRepeatOfTheSameTenantSourceAndIdIsAcceptedAndDeliversNothing() {
        stored("acme", b -> { });

        assertThat(publish.publish(PUBLISHER, List.of(event("acme", "e1")), Optional.empty())).containsExactly(true);
        assertThat(publish.publish(PUBLISHER, List.of(event("acme", "e1"), event("acme", "e2"), event("acme", "e2")),
                Optional.empty())).containsExactly(false, true, false);

        assertThat(stored()).extracting(CloudEvent::id).containsExactly("e1", "e2");
        assertThat(deliveries.all()).extracting(Delivery::eventId).containsExactly("e1", "e2");
    }

    @Test
    void anEventPublisherPublishesIntoAnyTenantATenantAdminIntoItsOwn() {
        assertThat(publish.publish(PUBLISHER, List.of(event("globex", "p1")), Optional.empty())).containsExactly(true);
        assertThat(publish.publish(ADMIN, List.of(event("acme", "a1")), Optional.empty())).containsExactly(true);

        assertRefused(() -> publish.publish(ALICE, List.of(event("acme", "u1")), Optional.empty()), ErrorCode.FORBIDDEN);
        assertRefused(() -> publish.publish(OTHER_ADMIN, List.of(event("acme", "o1")), Optional.empty()), ErrorCode.FORBIDDEN);
        assertRefused(() -> publish.publish(ADMIN, List.of(event("acme", "a2"), event("globex", "a3")), Optional.empty()),
                ErrorCode.FORBIDDEN);

        assertThat(stored()).extracting(CloudEvent::id).as("a refused batch stores nothing").containsExactly("p1", "a1");
    }

    @Test
    void noCallerPublishesTheServicesOwnTypes() {
        CloudEvent spoofed = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\","
                + "\"type\":\"dev.webhooks.webhook.disabled\",\"tenantid\":\"acme\"}");

        assertRefused(() -> publish.publish(PUBLISHER, List.of(spoofed), Optional.empty()), ErrorCode.INVALID_EVENT);
        assertRefused(() -> publish.publish(ADMIN, List.of(spoofed), Optional.empty()), ErrorCode.INVALID_EVENT);
    }

    @Test
    void aBatchHoldsOneToTheConfiguredNumberOfEvents() {
        assertRefused(() -> publish.publish(PUBLISHER, List.of(), Optional.empty()), ErrorCode.INVALID_EVENT);
        assertRefused(() -> publish.publish(PUBLISHER, List.of(event("acme", "1"), event("acme", "2"), event("acme", "3"),
                event("acme", "4")), Optional.empty()), ErrorCode.INVALID_EVENT);

        assertThat(publish.publish(PUBLISHER, List.of(event("acme", "1"), event("acme", "2"), event("acme", "3")),
                Optional.empty())).containsExactly(true, true, true);
    }

    @Test
    void anAttributeTooLongToStoreRefusesTheWholeBatch() {
        CloudEvent longType = untimed("long", "t".repeat(256));

        assertThat(assertRefused(() -> publish.publish(PUBLISHER, List.of(event("acme", "ok"), longType), Optional.empty()),
                ErrorCode.INVALID_EVENT).detail()).contains("'type'");
        assertThat(assertRefused(() -> publish.publish(List.of(event("acme", "i".repeat(1025)))), ErrorCode.INVALID_EVENT)
                .detail()).contains("'id'");

        assertThat(stored()).isEmpty();
    }

    @Test
    void anEventWithoutTimeIsStampedWithTheTimeOfPublishing() {
        CloudEvent untimed = untimed("untimed", WebhookFixtures.EVENT_TYPE);

        publish.publish(PUBLISHER, List.of(untimed, event("acme", "timed")), Optional.empty());

        assertThat(stored()).extracting(CloudEvent::time)
                .containsExactly(Optional.of(NOW), Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void deliveriesCarryTheTraceContextTheEventWasPublishedUnder() {
        stored("acme", b -> { });

        publish.publish(ADMIN, List.of(event("acme", "e1")), Optional.of(TRACEPARENT));

        assertThat(deliveries.all()).singleElement().satisfies(d -> assertThat(d.traceparent()).contains(TRACEPARENT));
    }

    @Test
    void trustedProducersPublishInProcessWithoutACaller() {
        stored("globex", b -> { });

        assertThat(publish.publish(List.of(event("globex", "in-process")))).containsExactly(true);

        assertThat(deliveries.all()).hasSize(1);
    }
}
