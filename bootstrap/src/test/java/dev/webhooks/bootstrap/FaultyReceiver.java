package dev.webhooks.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A receiver on a raw {@link ServerSocket} (127.0.0.1, own port) that misbehaves per path the way real endpoints do:
 * it answers at once, with an error status, with a redirect, late, never (holding the connection), or drops the
 * connection with a FIN or a TCP reset. It records every request it read, with its arrival time.
 */
final class FaultyReceiver implements AutoCloseable {
    /** What a path does once it has read a request. */
    enum Kind { OK, STATUS, REDIRECT, TIMEOUT, RESET, SLOW, CLOSE, INTERMITTENT_TIMEOUT, HUGE_HEADERS }

    /** A path's behaviour; build with the factory methods. */
    record Behaviour(Kind kind, int status, String location, Duration delay) {
        static Behaviour ok() {
            return new Behaviour(Kind.OK, 200, null, Duration.ZERO);
        }

        static Behaviour status(int status) {
            return new Behaviour(Kind.STATUS, status, null, Duration.ZERO);
        }

        static Behaviour redirect(int status, String location) {
            return new Behaviour(Kind.REDIRECT, status, location, Duration.ZERO);
        }

        /** Reads the request and never answers, holding the connection open. */
        static Behaviour timeout() {
            return new Behaviour(Kind.TIMEOUT, 0, null, Duration.ZERO);
        }

        /** Reads the request and closes with SO_LINGER 0: the client sees a TCP reset. */
        static Behaviour reset() {
            return new Behaviour(Kind.RESET, 0, null, Duration.ZERO);
        }

        /** Answers 200 after {@code delay}. */
        static Behaviour slow(Duration delay) {
            return new Behaviour(Kind.SLOW, 200, null, delay);
        }

        /** Reads the request and closes the connection without answering. */
        static Behaviour close() {
            return new Behaviour(Kind.CLOSE, 0, null, Duration.ZERO);
        }

        /**
         * Every other request hangs like {@link #timeout()}, the others are answered 200 at once: a receiver that keeps
         * failing without ever failing often enough in a row for a circuit breaker to give up on it.
         */
        static Behaviour intermittentTimeout() {
            return new Behaviour(Kind.INTERMITTENT_TIMEOUT, 200, null, Duration.ZERO);
        }

        /** Answers 200 with about 100 KB of distinct response headers. */
        static Behaviour hugeHeaders() {
            return new Behaviour(Kind.HUGE_HEADERS, 200, null, Duration.ZERO);
        }
    }

    /** One request as read. */
    record Hit(String path, long arrivedNanos, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final String HUGE_HEADERS = hugeHeaderLines();

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Hit>> hits = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    FaultyReceiver() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.execute(this::acceptLoop);
    }

    /** How a path behaves from now on; paths not set answer 200 at once. */
    FaultyReceiver on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Hit> hits(String path) {
        return new ArrayList<>(hits.getOrDefault(path, new ConcurrentLinkedQueue<>()));
    }

    int count(String path) {
        return hits.getOrDefault(path, new ConcurrentLinkedQueue<>()).size();
    }

    int total() {
        return hits.values().stream().mapToInt(ConcurrentLinkedQueue::size).sum();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("faulty receiver: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try {
            Hit hit = read(socket);
            if (hit == null) {
                closeQuietly(socket);
                return;
            }
            ConcurrentLinkedQueue<Hit> pathHits = hits.computeIfAbsent(hit.path(), p -> new ConcurrentLinkedQueue<>());
            pathHits.add(hit);
            behave(socket, behaviours.getOrDefault(hit.path(), Behaviour.ok()), pathHits.size());
        } catch (IOException | InterruptedException ignored) {
            closeQuietly(socket); // the client gave up (its timeout) or we are closing
        }
    }

    private void behave(Socket socket, Behaviour behaviour, int nth) throws IOException, InterruptedException {
        switch (behaviour.kind()) {
            case INTERMITTENT_TIMEOUT -> {
                if (nth % 2 == 0) {
                    answer(socket, behaviour.status(), "");
                }
            }
            case OK, STATUS -> answer(socket, behaviour.status(), "");
            case REDIRECT -> answer(socket, behaviour.status(), "Location: " + behaviour.location() + "\r\n");
            case HUGE_HEADERS -> answer(socket, behaviour.status(), HUGE_HEADERS);
            case SLOW -> {
                Thread.sleep(behaviour.delay().toMillis());
                answer(socket, behaviour.status(), "");
            }
            case RESET -> {
                socket.setSoLinger(true, 0);
                socket.close();
            }
            case CLOSE -> socket.close();
            case TIMEOUT -> {
                // keep the connection open and silent until close()
            }
        }
    }

    private static String hugeHeaderLines() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            lines.append("X-Filler-").append(i).append(": ").append("v".repeat(500)).append("\r\n");
        }
        return lines.toString();
    }

    private static void answer(Socket socket, int status, String extraHeaders) throws IOException {
        String body = status == 200 ? "ok" : "";
        String response = "HTTP/1.1 " + status + " Scripted\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body;
        socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        socket.close();
    }

    /** Reads the head and a Content-Length or chunked body; null when the client closed without a request. */
    private static Hit read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        long arrived = System.nanoTime();
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String path = requestLine.length > 1 ? requestLine[1].split("\\?")[0] : "";
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = headers.containsKey("content-length") ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? readChunked(in) : new byte[0];
        return new Hit(path, arrived, headers, body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FaultyReceiver::closeQuietly);
        connections.shutdownNow();
    }
}
