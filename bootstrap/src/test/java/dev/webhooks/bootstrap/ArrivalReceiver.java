package dev.webhooks.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A receiver on 127.0.0.1 that answers 200 at once and notes when each request to a path arrived (nanoTime). */
final class ArrivalReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(32);
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

    ArrivalReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
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
        server.stop(0);
        handlers.shutdownNow();
    }
}
