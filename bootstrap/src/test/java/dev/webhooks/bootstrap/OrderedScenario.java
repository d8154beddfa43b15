package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Ordered delivery as a receiver sees it: an ordered webhook gets events published one batch after the other (so their
 * acceptance order is known) through an {@link OrderReceiver} that answers 500 or hangs now and then. Checked: the
 * arrivals' events never go back in acceptance order (a retry repeats the one in flight, nothing later comes before
 * it), and each event is answered 200 exactly once, but for at most the allowed number of repeats (a crash's).
 */
final class OrderedScenario {
    static final String PATH = "/ordered";
    private static final int BATCH = 10;

    private final ServiceCalls calls;
    private final String tenant;
    private final int events;

    OrderedScenario(ServiceCalls calls, String tenant, int events) {
        this.calls = calls;
        this.tenant = tenant;
        this.events = events;
    }

    String createWebhook(OrderReceiver receiver) {
        return calls.createWebhook(tenant, Map.of("name", "ordered", "url", receiver.url(PATH), "enabled", true,
                "eventTypes", List.of(Workload.CREATED), "orderedDelivery", true));
    }

    /** Publishes every event, a batch of {@value #BATCH} at a time, each batch after the previous one was accepted. */
    void publish() {
        List<Workload.Event> all = IntStream.range(0, events)
                .mapToObj(i -> new Workload.Event(tenant + "-" + i, tenant, Workload.CREATED, "a")).toList();
        for (int from = 0; from < all.size(); from += BATCH) {
            ServiceCalls.Answer answer = calls.publish(all.subList(from, Math.min(from + BATCH, all.size())));
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        }
    }

    /** Waits until {@code count} events were answered 200 or {@code timeout} has passed. */
    static void awaitSucceeded(OrderReceiver receiver, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver.succeeded() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Checks the arrivals and returns figures about them. */
    Figures check(OrderReceiver receiver, int allowedRepeats, Figures figures) {
        List<OrderReceiver.Arrival> arrivals = receiver.arrivals();
        List<Integer> order = arrivals.stream().map(arrival -> index(arrival.eventId())).toList();
        List<String> backwards = new ArrayList<>();
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i) < order.get(i - 1)) {
                backwards.add("arrival " + i + ": event " + order.get(i) + " after event " + order.get(i - 1));
            }
        }
        Map<Integer, Integer> successes = new TreeMap<>();
        arrivals.stream().filter(OrderReceiver.Arrival::succeeded).forEach(arrival -> successes.merge(index(arrival.eventId()), 1, Integer::sum));
        List<Integer> repeated = successes.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        figures.put("events", events)
                .put("arrivals", arrivals.size())
                .put("answered 500", arrivals.stream().filter(arrival -> arrival.status() == 500).count())
                .put("hung past the attempt timeout", arrivals.stream().filter(arrival -> arrival.status() == OrderReceiver.HUNG).count())
                .put("events answered 200 more than once", repeated)
                .put("arrivals out of acceptance order", backwards.size());
        assertThat(backwards).as("arrivals out of acceptance order").isEmpty();
        assertThat(successes.keySet()).as("events answered 200").containsExactlyElementsOf(IntStream.range(0, events).boxed().toList());
        assertThat(repeated).as("events answered 200 more than once").hasSizeLessThanOrEqualTo(allowedRepeats);
        assertThat(successes.values()).as("200s per event").allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
        return figures;
    }

    private static int index(String eventId) {
        return Integer.parseInt(eventId.substring(eventId.lastIndexOf('-') + 1));
    }
}
