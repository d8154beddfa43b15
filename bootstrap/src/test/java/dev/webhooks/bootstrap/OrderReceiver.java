package dev.webhooks.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A receiver on 127.0.0.1 for ordered delivery: notes every arrival's event id, in arrival order, and how it was
 * answered; and misbehaves on a schedule: arrivals number 5, 18, 31, ... (every 13th) answer 500 and every 97th from the
 * 40th hangs for {@code hang} (past the service's attempt timeout), but never two arrivals in a row, so each delivery
 * fails at most once and its retry (the schedule's first, at once) succeeds.
 */
final class OrderReceiver implements AutoCloseable {
    static final int HUNG = 0;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: the event it carried and the status answered ({@link #HUNG}: hung until the service gave up). */
    record Arrival(String eventId, int status) {
        boolean succeeded() {
            return status == 200;
        }
    }

    private final Duration hang;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final java.util.Set<String> succeeded = new java.util.HashSet<>();
    private final LocalHttpServer server = new LocalHttpServer(8, this::handle);

    OrderReceiver(Duration hang) {
        this.hang = hang;
    }

    String url(String path) {
        return server.url(path);
    }

    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Events answered 200 at least once. */
    synchronized int succeeded() {
        return succeeded.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String eventId = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("id").asText();
            int status = note(eventId);
            if (status == HUNG) {
                pause();
                status = 200; // too late: the service has given up on this attempt
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private synchronized int note(String eventId) {
        int n = arrivals.size();
        boolean afterSuccess = n == 0 || arrivals.get(n - 1).succeeded();
        int status = afterSuccess && n % 13 == 5 ? 500 : afterSuccess && n % 97 == 40 ? HUNG : 200;
        arrivals.add(new Arrival(eventId, status));
        if (status == 200) {
            succeeded.add(eventId);
        }
        return status;
    }

    private void pause() {
        try {
            Thread.sleep(hang.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
