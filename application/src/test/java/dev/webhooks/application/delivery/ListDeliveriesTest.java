package dev.webhooks.application.delivery;

import static dev.webhooks.domain.fixtures.Callers.ADMIN;
import static dev.webhooks.domain.fixtures.Callers.ALICE;
import static dev.webhooks.domain.fixtures.Callers.BOB;
import static dev.webhooks.domain.fixtures.Callers.OTHER_ADMIN;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.attempted;
import static dev.webhooks.domain.fixtures.DeliveryFixtures.pending;
import static dev.webhooks.domain.fixtures.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.application.webhook.GetWebhook;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.delivery.Delivery;
import dev.webhooks.domain.delivery.DeliverySort;
import dev.webhooks.domain.delivery.DeliveryState;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.fixtures.InMemoryDeliveryHistory;
import dev.webhooks.domain.fixtures.InMemoryDeliveryQueue;
import dev.webhooks.domain.fixtures.InMemoryEventLog;
import dev.webhooks.domain.fixtures.InMemoryWebhookRepository;
import dev.webhooks.domain.fixtures.WebhookFixtures;
import dev.webhooks.domain.page.Page;
import dev.webhooks.domain.page.PageRequest;
import dev.webhooks.domain.webhook.Level;
import dev.webhooks.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Listing a webhook's deliveries: only of a webhook the caller may see, narrowed by type and status, newest first. */
class ListDeliveriesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final PageRequest ALL = PageRequest.first(20);

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(webhooks);
    private final InMemoryDeliveryHistory history = new InMemoryDeliveryHistory(deliveries,
            new InMemoryEventLog(webhooks, deliveries, Clock.fixed(T0, ZoneOffset.UTC)));
    private final ListDeliveries list = new ListDeliveries(new GetWebhook(webhooks), history);

    private final Webhook alices = WebhookFixtures.webhook("acme", b -> b.level = Level.USER);
    private final Webhook other = WebhookFixtures.webhook("acme");

    private Delivery add(Delivery delivery) {
        deliveries.add(delivery);
        return delivery;
    }

    private Page<Delivery> list(Optional<String> eventType, Optional<String> status) {
        return list.list(ADMIN, alices.id().toString(), eventType, status, DeliverySort.DEFAULT, ALL);
    }

    @Test
    void listsTheDeliveriesOfTheWebhookNewestFirst() {
        webhooks.insert(alices, 150);
        webhooks.insert(other, 150);
        Delivery older = add(pending(alices, "e1", T0));
        Delivery newer = add(pending(alices, "e2", T0.plusSeconds(1)));
        add(pending(other, "e1", T0));

        assertThat(list(Optional.empty(), Optional.empty()).items()).containsExactly(newer, older);
        assertThat(list.list(ALICE, alices.id().toString(), Optional.empty(), Optional.empty(), DeliverySort.parse("+triggeredAt"),
                ALL).items()).as("its owner sees them too").containsExactly(older, newer);
    }

    @Test
    void narrowsByEventTypeAndByStatusWherePendingCountsAsFail() {
        webhooks.insert(alices, 150);
        Delivery delivered = add(attempted(pending(alices, "e1", T0), DeliveryState.SUCCEEDED, 200, T0));
        Delivery failed = add(attempted(pending(alices, "e2", T0.plusSeconds(1)), DeliveryState.FAILED, 400, T0));
        CloudEvent reload = CloudEvent.fromJson("{\"specversion\":\"1.0\",\"id\":\"r1\",\"source\":\"test\","
                + "\"type\":\"com.qlik.v1.app.reload.finished\",\"tenantid\":\"acme\"}");
        Delivery retrying = add(attempted(pending(alices, reload, T0.plusSeconds(2)), DeliveryState.PENDING, 503, T0));

        assertThat(list(Optional.empty(), Optional.of("success")).items()).containsExactly(delivered);
        assertThat(list(Optional.empty(), Optional.of("fail")).items()).containsExactly(retrying, failed);
        assertThat(list(Optional.of("com.qlik.v1.app.reload.finished"), Optional.empty()).items()).containsExactly(retrying);
        assertRefused(() -> list(Optional.empty(), Optional.of("maybe")), ErrorCode.INVALID_QUERY_PARAMETER);
    }

    @Test
    void pagesThroughALongHistory() {
        webhooks.insert(alices, 150);
        for (int i = 0; i < 5; i++) {
            add(pending(alices, "e" + i, T0.plusSeconds(i)));
        }

        Page<Delivery> first = list.list(ADMIN, alices.id().toString(), Optional.empty(), Optional.empty(), DeliverySort.DEFAULT,
                PageRequest.first(3));
        Page<Delivery> second = list.list(ADMIN, alices.id().toString(), Optional.empty(), Optional.empty(), DeliverySort.DEFAULT,
                new PageRequest(3, first.next()));

        assertThat(first.items()).extracting(Delivery::eventId).containsExactly("e4", "e3", "e2");
        assertThat(second.items()).extracting(Delivery::eventId).containsExactly("e1", "e0");
        assertThat(second.next()).isEmpty();
        assertThat(second.prev()).isPresent();
    }

    @Test
    void aWebhookTheCallerMayNotSeeIsNotFoundRatherThanEmpty() {
        webhooks.insert(alices, 150);
        add(pending(alices, "e1", T0));

        assertRefused(() -> list.list(BOB, alices.id().toString(), Optional.empty(), Optional.empty(), DeliverySort.DEFAULT, ALL),
                ErrorCode.WEBHOOK_NOT_FOUND);
        assertRefused(() -> list.list(OTHER_ADMIN, alices.id().toString(), Optional.empty(), Optional.empty(), DeliverySort.DEFAULT,
                ALL), ErrorCode.WEBHOOK_NOT_FOUND);
    }
}
