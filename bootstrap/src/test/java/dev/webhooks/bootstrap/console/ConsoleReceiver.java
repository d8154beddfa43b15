package dev.webhooks.bootstrap.console;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1: it answers 500 to events whose data says {@code "outcome":"fail"} and 200 with a
 * small JSON body to all others, and counts what it is sent.
 */
final class ConsoleReceiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    ConsoleReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.incrementAndGet();
            boolean fail = body.replace(" ", "").contains("\"outcome\":\"fail\"");
            byte[] answer = (fail ? "{\"error\":\"receiver is down\"}" : "{\"received\":true,\"queue\":\"main\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
