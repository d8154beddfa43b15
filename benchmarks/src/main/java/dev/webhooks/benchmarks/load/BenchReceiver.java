package dev.webhooks.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fast local receiver (Jetty, keep-alive) that answers 200 to everything and tells the listener the arrival time
 * and body of each request. It keeps one request as a sample for the raw HTTP limit.
 */
final class BenchReceiver implements AutoCloseable {
    /** Told about every request that arrived. */
    interface Listener {
        void arrived(String body, long arrivedNanos);
    }

    /** One received request as sent: body and headers. */
    record Sample(String path, byte[] body, Map<String, String> headers) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final AtomicReference<Sample> sample = new AtomicReference<>();
    private volatile Listener listener = (body, at) -> { };

    BenchReceiver() throws Exception {
        server = new Server(new QueuedThreadPool(256, 16));
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = BufferUtil.toArray(Content.Source.asByteBuffer(request));
                long arrived = System.nanoTime();
                listener.arrived(new String(body, StandardCharsets.UTF_8), arrived);
                if (sample.get() == null) {
                    sample.compareAndSet(null, new Sample(request.getHttpURI().getPath(), body, headersOf(request)));
                }
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    private static Map<String, String> headersOf(Request request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getHeaders().forEach(field -> headers.put(field.getName(), field.getValue()));
        return headers;
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    Sample sample() {
        return sample.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
