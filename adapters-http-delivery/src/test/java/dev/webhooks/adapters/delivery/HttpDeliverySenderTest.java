package dev.webhooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.webhook.CidrRange;
import dev.webhooks.domain.webhook.TargetPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpDeliverySenderTest {
    private static final TargetPolicy LOCAL = new TargetPolicy(true, List.of(CidrRange.parse("127.0.0.0/8")));
    private static final byte[] BODY = "{\"event\":\"ping\",\"ünïcode\":true}".getBytes(StandardCharsets.UTF_8);

    private LocalReceiver receiver;
    private HttpDeliverySender sender;

    @BeforeEach
    void start() throws IOException {
        receiver = new LocalReceiver()
                .on("/ok", exchange -> {
                    exchange.getResponseHeaders().add("X-Receiver", "first");
                    exchange.getResponseHeaders().add("X-Receiver", "second");
                    LocalReceiver.respond(exchange, 200, "thanks");
                })
                .on("/error", exchange -> LocalReceiver.respond(exchange, 500, "boom"))
                .on("/missing", exchange -> LocalReceiver.respond(exchange, 404, ""))
                .on("/gone", exchange -> LocalReceiver.respond(exchange, 410, ""))
                .on("/redirect", exchange -> {
                    exchange.getResponseHeaders().add("Location", "/redirected");
                    LocalReceiver.respond(exchange, 302, "");
                })
                .on("/redirected", exchange -> LocalReceiver.respond(exchange, 200, ""))
                .on("/busy", exchange -> {
                    exchange.getResponseHeaders().add("Retry-After", "7");
                    LocalReceiver.respond(exchange, 429, "slow down");
                })
                .on("/slow", exchange -> {
                    sleep(3000);
                    LocalReceiver.respond(exchange, 200, "late");
                })
                .on("/big", exchange -> LocalReceiver.respond(exchange, 200, "x".repeat(1_000_000)))
                .on("/endless", LocalReceiver_endless());
        sender = new HttpDeliverySender(new TargetGuard(LOCAL), HttpDeliverySettings.defaults());
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.close();
    }

    @Test
    void deliversTheExactBytesAndHeadersAndCapturesTheAnswer() {
        DeliveryAttempt attempt = sender.send(request(receiver.url("/ok"), Map.of("Webhook-Signature", "v1,abc", "X-Custom", "42")));

        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.responseBody()).isEqualTo("thanks");
        assertThat(attempt.responseHeaders()).containsEntry("X-receiver", "first");
        assertThat(receiver.lastBody).isEqualTo(BODY);
        assertThat(receiver.lastHeaders.get("Content-type")).containsExactly("application/json");
        assertThat(receiver.lastHeaders.get("User-agent")).containsExactly("Webhooks-Service/1.0 (+self-hosted)");
        assertThat(receiver.lastHeaders.get("Webhook-signature")).containsExactly("v1,abc");
        assertThat(receiver.lastHeaders.get("X-custom")).containsExactly("42");
    }

    @Test
    void reportsStatusCodesWithoutRetryingAnswers() {
        assertThat(sender.send(request(receiver.url("/error"))).statusCode()).isEqualTo(500);
        assertThat(receiver.hits("/error")).isEqualTo(1);
        assertThat(sender.send(request(receiver.url("/missing"))).statusCode()).isEqualTo(404);
        assertThat(sender.send(request(receiver.url("/gone"))).statusCode()).isEqualTo(410);
    }

    @Test
    void doesNotFollowRedirects() {
        DeliveryAttempt attempt = sender.send(request(receiver.url("/redirect")));

        assertThat(attempt.statusCode()).isEqualTo(302);
        assertThat(receiver.hits("/redirected")).isZero();
    }

    @Test
    void readsRetryAfterSeconds() {
        DeliveryAttempt attempt = sender.send(request(receiver.url("/busy")));

        assertThat(attempt.statusCode()).isEqualTo(429);
        assertThat(attempt.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(attempt.responseBody()).isEqualTo("slow down");
    }

    @Test
    void timesOutWithoutRetrying() {
        DeliveryAttempt attempt = sender.send(new DeliveryRequest("d-1", receiver.url("/slow"), BODY, Map.of(), false,
                Duration.ofMillis(500)));

        assertThat(attempt.failure()).contains(AttemptFailure.TIMEOUT);
        assertThat(attempt.statusCode()).isZero();
        assertThat(attempt.detail()).contains("timed out after 500 ms");
        assertThat(receiver.hits("/slow")).isEqualTo(1);
    }

    @Test
    void reportsARefusedConnectionAtOnceWithoutRetrying() throws IOException {
        long started = System.nanoTime();
        DeliveryAttempt attempt = sender.send(request("http://127.0.0.1:" + closedPort() + "/hook"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one attempt; retries are the policy's")
                .isLessThan(Duration.ofMillis(500));
        assertThat(attempt.failure()).contains(AttemptFailure.CONNECTION_REFUSED);
        assertThat(attempt.statusCode()).isZero();
        assertThat(attempt.detail()).isEqualTo("connection refused by 127.0.0.1");
    }

    @Test
    void capsAnOversizedBody() {
        DeliveryAttempt attempt = sender.send(request(receiver.url("/big")));

        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.responseBody()).hasSize(DeliveryAttempt.MAX_BODY_CHARS);
    }

    @Test
    void stopsReadingAnEndlessBody() {
        long started = System.nanoTime();
        DeliveryAttempt attempt = sender.send(request(receiver.url("/endless")));

        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.responseBody()).hasSize(DeliveryAttempt.MAX_BODY_CHARS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(sender.send(request(receiver.url("/ok"))).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesLoopbackUnlessAllowed() {
        try (HttpDeliverySender strict = new HttpDeliverySender(new TargetGuard(new TargetPolicy(true, List.of())),
                HttpDeliverySettings.defaults())) {
            DeliveryAttempt literal = strict.send(request(receiver.url("/ok")));
            DeliveryAttempt named = strict.send(request("http://localhost:" + receiver.port() + "/ok"));

            assertThat(literal.failure()).contains(AttemptFailure.TARGET_REFUSED);
            assertThat(literal.detail()).isEqualTo("target address 127.0.0.1 of 127.0.0.1 is not allowed (loopback)");
            assertThat(named.failure()).contains(AttemptFailure.TARGET_REFUSED);
            assertThat(named.detail()).startsWith("target address ").contains(" of localhost is not allowed (loopback)");
            assertThat(receiver.hits("/ok")).isZero();
        }
    }

    @Test
    void refusesMetadataPrivateAndIpv6LoopbackTargets() {
        try (HttpDeliverySender strict = new HttpDeliverySender(new TargetGuard(TargetPolicy.STRICT),
                HttpDeliverySettings.defaults())) {
            assertThat(strict.send(request("https://169.254.169.254/latest/meta-data")).detail())
                    .contains("169.254.169.254").contains("link-local");
            assertThat(strict.send(request("https://10.0.0.1/hook")).detail()).contains("10.0.0.1").contains("private");
            assertThat(strict.send(request("https://[::1]:" + receiver.port() + "/hook")).detail())
                    .contains("::1").contains("loopback");
            assertThat(strict.send(request("http://example.com/hook")).failure()).contains(AttemptFailure.TARGET_REFUSED);
        }
    }

    @Test
    void opensTheCircuitAfterRepeatedFailures() throws IOException {
        try (HttpDeliverySender fragile = new HttpDeliverySender(new TargetGuard(LOCAL),
                HttpDeliverySettings.defaults().withCircuit(3, Duration.ofSeconds(30)))) {
            int port = closedPort();
            String url = "http://127.0.0.1:" + port + "/hook";
            for (int i = 0; i < 3; i++) {
                assertThat(fragile.send(request(url)).detail()).isEqualTo("connection refused by 127.0.0.1");
            }
            DeliveryAttempt blocked = fragile.send(request(url));

            assertThat(blocked.failure()).contains(AttemptFailure.CIRCUIT_OPEN);
            assertThat(blocked.detail()).isEqualTo("circuit open for 127.0.0.1:" + port + ": recent attempts failed");
            assertThat(fragile.circuitStates()).containsEntry("127.0.0.1:" + port, "OPEN");
            assertThat(fragile.send(request(receiver.url("/ok"))).statusCode())
                    .as("another port of the same host has its own circuit").isEqualTo(200);
        }
    }

    @Test
    void reportsTlsFailuresWithAndWithoutRevocationChecking() throws IOException {
        DeliveryAttempt plain;
        DeliveryAttempt revoking;
        try (ServerSocket notTls = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> answerWithPlainText(notTls), "not-tls");
            acceptor.setDaemon(true);
            acceptor.start();
            String https = "https://127.0.0.1:" + notTls.getLocalPort() + "/ok";
            plain = sender.send(request(https));
            revoking = sender.send(new DeliveryRequest("d-1", https, BODY, Map.of(), true, Duration.ofSeconds(5)));
        }

        assertThat(plain.failure()).contains(AttemptFailure.TLS_FAILURE);
        assertThat(revoking.failure()).contains(AttemptFailure.TLS_FAILURE);
        assertThat(plain.detail()).startsWith("TLS handshake failed: ");
        assertThat(revoking.detail()).startsWith("TLS handshake failed: ");
    }

    @Test
    void revocationCheckingClientStillDeliversOverHttp() {
        DeliveryAttempt attempt = sender.send(new DeliveryRequest("d-1", receiver.url("/ok"), BODY, Map.of(), true,
                Duration.ofSeconds(5)));

        assertThat(attempt.statusCode()).isEqualTo(200);
    }

    @Test
    void theCircuitHalfOpensAfterItsDelay() throws IOException {
        try (HttpDeliverySender fragile = new HttpDeliverySender(new TargetGuard(LOCAL),
                HttpDeliverySettings.defaults().withCircuit(1, Duration.ofMillis(200)))) {
            int port = closedPort();
            fragile.send(request("http://127.0.0.1:" + port + "/hook"));
            assertThat(fragile.circuitStates()).containsEntry("127.0.0.1:" + port, "OPEN");
            sleep(300);
            assertThat(fragile.circuitStates()).containsEntry("127.0.0.1:" + port, "HALF_OPEN");
        }
    }

    @Test
    void answersKeepTheCircuitClosed() {
        HttpDeliverySender fragile = new HttpDeliverySender(new TargetGuard(LOCAL),
                HttpDeliverySettings.defaults().withCircuit(2, Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            fragile.send(request(receiver.url("/error")));
        }
        assertThat(fragile.circuitStates()).containsEntry("127.0.0.1:" + java.net.URI.create(receiver.url("/error")).getPort(), "CLOSED");
        fragile.close();
    }

    @Test
    void refusesAnInvalidUrl() {
        assertThat(sender.send(request("http://bad host/")).detail()).isEqualTo("target URL is not a valid URL");
    }

    private static DeliveryRequest request(String url) {
        return request(url, Map.of());
    }

    private static DeliveryRequest request(String url, Map<String, String> headers) {
        return new DeliveryRequest("d-1", url, BODY, headers, false, Duration.ofSeconds(10));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static com.sun.net.httpserver.HttpHandler LocalReceiver_endless() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "y".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // expected: the sender drops the connection after the cap
            }
        };
    }

    private static void answerWithPlainText(ServerSocket server) {
        while (!server.isClosed()) {
            try (java.net.Socket socket = server.accept()) {
                socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
