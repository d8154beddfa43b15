package dev.webhooks.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.webhooks.domain.signature.QlikSignature;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver for load tests on 127.0.0.1: answers 200 (after a delay, if told to) and counts what arrives per webhook
 * path and event id, repeats of a delivery (its {@code webhook-id}), and deliveries to signed paths whose
 * {@code Qlik-Signature} does not verify. Keeps counts, not bodies, so tens of thousands of deliveries stay cheap.
 */
final class CountingReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile Duration delay = Duration.ZERO;
    private final Map<String, AtomicInteger> perPathAndEvent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger badlySigned = new AtomicInteger();
    private final LocalHttpServer server = new LocalHttpServer(96, this::handle);

    String url(String path) {
        return server.url(path);
    }

    /** From now on answers only after {@code delay}: a slow receiver. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Deliveries to this path must carry a {@code Qlik-Signature} made with this secret. */
    void expectSignature(String path, String secret) {
        secrets.put(path, secret);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String eventId = JSON.readTree(body).path("id").asText();
            perPathAndEvent.computeIfAbsent(key(path, eventId), k -> new AtomicInteger()).incrementAndGet();
            perDelivery.computeIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    k -> new AtomicInteger()).incrementAndGet();
            checkSignature(path, body, exchange.getRequestHeaders().getFirst(QlikSignature.HEADER));
            received.incrementAndGet();
            pause();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void checkSignature(String path, byte[] body, String signature) {
        String secret = secrets.get(path);
        if (secret != null && (signature == null || !QlikSignature.verify(body, secret, signature))) {
            badlySigned.incrementAndGet();
        }
    }

    private void pause() {
        Duration current = delay;
        if (current.isZero()) {
            return;
        }
        try {
            Thread.sleep(current.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String key(String path, String eventId) {
        return path + ' ' + eventId;
    }

    /** How often this event arrived at this path. */
    int times(String path, String eventId) {
        AtomicInteger count = perPathAndEvent.get(key(path, eventId));
        return count == null ? 0 : count.get();
    }

    /** Every request that arrived. */
    int received() {
        return received.get();
    }

    /** Requests that repeated a delivery already received (same {@code webhook-id}). */
    int duplicates() {
        return received.get() - perDelivery.size();
    }

    /** Distinct (path, event) pairs that arrived more than once. */
    long repeatedPairs() {
        return perPathAndEvent.values().stream().filter(count -> count.get() > 1).count();
    }

    int badlySigned() {
        return badlySigned.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
