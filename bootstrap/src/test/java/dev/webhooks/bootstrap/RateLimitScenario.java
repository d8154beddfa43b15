package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The test: a webhook limited to {@value #RATE}/s and an unlimited one of the same tenant both receive every
 * event; the limited one's arrivals, counted per 5 s window after the first (the warm-up: the first claim, the
 * instances finding the webhook), stay within 10 % of 5 × {@value #RATE}, while the unlimited one gets everything at
 * full speed, long before the limited one is through. Events are published through every instance given, in turn.
 */
final class RateLimitScenario {
    static final int RATE = 20;
    static final Duration WINDOW = Duration.ofSeconds(5);
    private static final String LIMITED = "/limited";
    private static final String UNLIMITED = "/unlimited";

    private RateLimitScenario() {
    }

    /** Runs the scenario with {@code events} events in {@code tenant}; returns the per-window counts it checked. */
    static List<Integer> run(String tenant, int events, List<ServiceCalls> instances) throws InterruptedException {
        try (ArrivalReceiver receiver = new ArrivalReceiver()) {
            ServiceCalls first = instances.get(0);
            first.createWebhook(tenant, hook("limited", receiver.url(LIMITED), Map.of("maxDeliveriesPerSecond", RATE)));
            first.createWebhook(tenant, hook("unlimited", receiver.url(UNLIMITED), Map.of()));
            long started = System.nanoTime();
            publish(tenant, events, instances);

            awaitCount(receiver, UNLIMITED, events, Duration.ofSeconds(60));
            long unlimitedTook = System.nanoTime() - started;
            int limitedMeanwhile = receiver.count(LIMITED);
            Duration limitedNeeds = Duration.ofSeconds(events / RATE);
            awaitCount(receiver, LIMITED, events, limitedNeeds.plusSeconds(30));
            Thread.sleep(1_000); // more than expected would arrive meanwhile

            List<Integer> windows = windows(receiver.arrivals(LIMITED));
            Figures figures = new Figures("rate-limit-" + instances.size() + "-instance" + (instances.size() > 1 ? "s" : ""))
                    .put("events", events)
                    .put("rate limit", RATE + "/s")
                    .put("unlimited webhook: all delivered after", Duration.ofNanos(unlimitedTook))
                    .put("limited webhook: delivered by then", limitedMeanwhile)
                    .put("limited webhook: arrivals per 5 s window", windows.toString());
            report(figures);
            assertThat(receiver.count(LIMITED)).as("every event reaches the limited webhook, once").isEqualTo(events);
            assertThat(receiver.count(UNLIMITED)).as("every event reaches the unlimited webhook, once").isEqualTo(events);
            assertThat(Duration.ofNanos(unlimitedTook)).as("the unlimited webhook is not held up")
                    .isLessThan(limitedNeeds.dividedBy(2));
            assertThat(windows).as("windows after the warm-up").hasSizeGreaterThanOrEqualTo(2);
            assertThat(windows.subList(1, windows.size())).as("arrivals per 5 s window after the warm-up")
                    .allSatisfy(count -> assertThat(count).isBetween(90, 110));
            assertThat(windows.get(0)).as("the warm-up window is not over the limit either").isLessThanOrEqualTo(110);
            return windows;
        }
    }

    private static Map<String, Object> hook(String name, String url, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "url", url, "enabled", true,
                "eventTypes", List.of(Workload.CREATED)));
        body.putAll(extra);
        return body;
    }

    /** Batches of 100, through the instances in turn. */
    private static void publish(String tenant, int events, List<ServiceCalls> instances) {
        List<Workload.Event> all = IntStream.range(0, events)
                .mapToObj(i -> new Workload.Event(tenant + "-e" + i, tenant, Workload.CREATED, "a")).toList();
        for (int from = 0, turn = 0; from < all.size(); from += 100, turn++) {
            ServiceCalls.Answer answer = instances.get(turn % instances.size()).publish(all.subList(from, Math.min(from + 100, all.size())));
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        }
    }

    private static void awaitCount(ArrivalReceiver receiver, String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver.count(path) < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Arrivals per full 5 s window from the first arrival on (a last, partial window is left out). */
    static List<Integer> windows(List<Long> arrivals) {
        List<Integer> counts = new ArrayList<>();
        if (arrivals.isEmpty()) {
            return counts;
        }
        long start = arrivals.get(0);
        long window = WINDOW.toNanos();
        long last = arrivals.get(arrivals.size() - 1);
        for (long from = start; from + window <= last; from += window) {
            long lower = from;
            counts.add((int) arrivals.stream().filter(at -> at >= lower && at < lower + window).count());
        }
        return counts;
    }

    private static void report(Figures figures) {
        try {
            figures.report();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
