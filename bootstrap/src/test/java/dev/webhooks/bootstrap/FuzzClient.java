package dev.webhooks.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends generated requests with a hard per-request timeout: through {@link HttpClient} when it accepts the request
 * as given, otherwise as raw bytes over a socket (bad URIs, restricted or invalid headers, protocol garbage).
 */
final class FuzzClient {
    /** How a request went out. */
    enum Route {
        /** Through {@link HttpClient}. */
        CLIENT,
        /** Protocol garbage written to a socket as generated. */
        RAW,
        /** Written to a socket because {@link HttpClient} refuses to send it (invalid URI or header). */
        CLIENT_REFUSED,
        /**
         * Written to a fresh socket after {@link HttpClient} lost its pooled connection before any answer: the server
         * may close a connection after answering the previous request, which the client only notices on reuse.
         */
        RETRIED
    }

    /** What came back: an HTTP status, or 0 with the reason when there was no answer; {@code hung} on timeout. */
    record Outcome(int status, String contentType, byte[] body, boolean hung, String failure, Route route) {
        String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        Outcome via(Route changed) {
            return new Outcome(status, contentType, body, hung, failure, changed);
        }
    }

    private final HttpClient client;
    private final String host;
    private final int port;
    private final Duration timeout;

    FuzzClient(String host, int port, Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    Outcome send(BadRequests.Request request) {
        if (request.raw() != null) {
            return sendRaw(request.raw()).via(Route.RAW);
        }
        HttpRequest built;
        try {
            built = build(request);
        } catch (IllegalArgumentException refusedByClient) {
            return sendRaw(serialize(request)).via(Route.CLIENT_REFUSED);
        }
        try {
            HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    false, null, Route.CLIENT);
        } catch (HttpTimeoutException e) {
            return new Outcome(0, "", null, true, e.toString(), Route.CLIENT);
        } catch (IOException lostConnection) {
            return sendRaw(serialize(request)).via(Route.RETRIED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "", null, false, e.toString(), Route.CLIENT);
        }
    }

    private HttpRequest build(BadRequests.Request request) {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + request.target()))
                .timeout(timeout)
                .method(request.method(), body);
        for (String[] header : request.headers()) {
            builder.header(header[0], header[1]);
        }
        return builder.build();
    }

    private byte[] serialize(BadRequests.Request request) {
        StringBuilder head = new StringBuilder(request.method() + " " + request.target() + " HTTP/1.1\r\n");
        boolean hasHost = request.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("Host"));
        boolean hasLength = request.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Length")
                || h[0].equalsIgnoreCase("Transfer-Encoding"));
        if (!hasHost) {
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        }
        request.headers().stream().filter(h -> !h[0].equalsIgnoreCase("Connection"))
                .forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
        if (!hasLength && request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            bytes.writeBytes(request.body());
        }
        return bytes.toByteArray();
    }

    /** Writes the bytes, half-closes, and reads one HTTP answer (skipping 1xx) or whatever comes before the socket closes. */
    private Outcome sendRaw(byte[] raw) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(raw);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedMidway) {
                // the server may answer and close before taking everything (a 413 or 431); read what it said
            }
            return readAnswer(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return new Outcome(0, "", null, true, e.toString(), Route.RAW);
        } catch (IOException e) {
            return new Outcome(0, "", null, false, e.toString(), Route.RAW);
        }
    }

    private static Outcome readAnswer(InputStream in) throws IOException {
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return new Outcome(0, "", null, false, "connection closed without an answer", Route.RAW);
            }
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
            if (status >= 100 && status < 200) {
                continue;
            }
            String contentType = header(lines, "content-type");
            String length = header(lines, "content-length");
            byte[] body = length.isEmpty() ? readUpTo(in, 1 << 20) : in.readNBytes(Integer.parseInt(length.trim()));
            return new Outcome(status, contentType, body, false, status < 0 ? "unparseable status line: " + lines[0] : null, Route.RAW);
        }
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return "";
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
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        try {
            return in.readNBytes(max);
        } catch (IOException closedOrReset) {
            return new byte[0];
        }
    }
}
