package dev.webhooks.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP receiver on 127.0.0.1 that records what it is sent and answers per path as a test scripts it. */
final class Receiver implements AutoCloseable {
    /** One received request. */
    record Hit(String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final LocalHttpServer server;
    private final Map<String, BlockingQueue<Hit>> hits = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    Receiver() {
        server = new LocalHttpServer(32, exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            hits.computeIfAbsent(path, p -> new LinkedBlockingQueue<>()).add(new Hit(path, headers, exchange.getRequestBody().readAllBytes()));
            pause(delays.get(path));
            Integer status = scripted.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
    }

    String url(String path) {
        return server.url(path);
    }

    /** The next answers for a path, in order; afterwards it answers 200. */
    void answer(String path, Integer... statuses) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(statuses));
    }

    /** Answers on this path only after {@code delay} (a slow or hanging receiver). */
    void delay(String path, Duration delay) {
        delays.put(path, delay);
    }

    private static void pause(Duration delay) {
        if (delay == null) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Hit next(String path, Duration wait) throws InterruptedException {
        Hit hit = hits.computeIfAbsent(path, p -> new LinkedBlockingQueue<>()).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (hit == null) {
            throw new AssertionError("nothing arrived at " + path + " within " + wait);
        }
        return hit;
    }

    List<Hit> drain(String path) {
        List<Hit> drained = new ArrayList<>();
        hits.computeIfAbsent(path, p -> new LinkedBlockingQueue<>()).drainTo(drained);
        return drained;
    }

    @Override
    public void close() {
        server.close();
    }
}
