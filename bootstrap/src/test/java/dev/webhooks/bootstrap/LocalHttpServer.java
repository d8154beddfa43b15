package dev.webhooks.bootstrap;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP server under the tests' receivers: 127.0.0.1, a free port, one handler for every path, threads of its own. */
final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers;

    LocalHttpServer(int threads, HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handlers = Executors.newFixedThreadPool(threads);
        server.setExecutor(handlers);
        server.createContext("/", handler);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
