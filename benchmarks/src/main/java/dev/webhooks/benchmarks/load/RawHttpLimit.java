package dev.webhooks.benchmarks.load;

import dev.webhooks.adapters.delivery.HttpDeliverySender;
import dev.webhooks.adapters.delivery.HttpDeliverySettings;
import dev.webhooks.adapters.delivery.TargetGuard;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.TargetPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw HTTP limit H: the service's own HTTP client ({@link HttpDeliverySender}) posting a delivery the service
 * sent (same body, same headers) straight to the same receiver, as many at once as the service sends (and with as
 * many connections), no database.
 */
final class RawHttpLimit {
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "user-agent",
            "accept-encoding");

    private RawHttpLimit() {
    }

    /** Deliveries per second over {@code measure}, after a warm-up. */
    static double measure(BenchReceiver receiver, BenchReceiver.Sample sample, int concurrency, Duration warmUp,
                          Duration measure) throws InterruptedException {
        receiver.listen((body, at) -> { });
        TargetGuard guard = new TargetGuard(new TargetPolicy(true, List.of(CidrRange.parse("127.0.0.0/8"))));
        try (HttpDeliverySender sender = new HttpDeliverySender(guard, HttpDeliverySettings.defaults().withMaxConnectionsPerRoute(concurrency))) {
            DeliveryRequest request = new DeliveryRequest(UUID.randomUUID().toString(), receiver.url(sample.path()),
                    sample.body(), headersToSend(sample.headers()), false, Duration.ofSeconds(10));
            AtomicLong succeeded = new AtomicLong();
            long warmUpEnds = System.nanoTime() + warmUp.toNanos();
            long ends = warmUpEnds + measure.toNanos();
            ExecutorService senders = Executors.newFixedThreadPool(concurrency);
            for (int i = 0; i < concurrency; i++) {
                senders.execute(() -> {
                    for (long now = System.nanoTime(); now < ends; now = System.nanoTime()) {
                        boolean ok = sender.send(request).statusCode() == 200;
                        if (ok && now >= warmUpEnds) {
                            succeeded.incrementAndGet();
                        }
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(measure.toSeconds() + warmUp.toSeconds() + 60, TimeUnit.SECONDS);
            return succeeded.get() / (measure.toNanos() / 1e9);
        }
    }

    private static Map<String, String> headersToSend(Map<String, String> received) {
        Map<String, String> headers = new TreeMap<>(received);
        headers.keySet().removeIf(name -> SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT)));
        return headers;
    }
}
