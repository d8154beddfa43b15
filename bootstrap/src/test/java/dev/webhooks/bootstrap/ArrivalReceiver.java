package dev.webhooks.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A receiver on 127.0.0.1 that answers 200 at once and notes when each request to a path arrived (nanoTime). */
final class ArrivalReceiver implements AutoCloseable {
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final LocalHttpServer server = new LocalHttpServer(32, this::handle);

    String url(String path) {
        return server.url(path);
    }

    /** When the requests to {@code path} arrived, in order. */
    List<Long> arrivals(String path) {
        List<Long> at = new ArrayList<>(arrivals.getOrDefault(path, List.of()));
        at.sort(null);
        return at;
    }

    int count(String path) {
        return arrivals.getOrDefault(path, List.of()).size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            arrivals.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
