package dev.webhooks.adapters.delivery;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerBuilder;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.webhooks.domain.delivery.AttemptFailure;
import dev.webhooks.domain.delivery.DeliveryAttempt;
import dev.webhooks.domain.delivery.DeliveryRequest;
import dev.webhooks.domain.port.DeliverySender;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * Delivers events with Apache HttpClient 5, one attempt per call: no redirects, TLS always verified, every target
 * checked by a {@link TargetGuard}, and a circuit breaker per target host and port. What to do after the attempt is
 * not its business: it reports what happened ({@link AttemptFailure} when no answer came).
 */
public final class HttpDeliverySender implements DeliverySender, AutoCloseable {
    private static final ContentType JSON = ContentType.create("application/json");
    /** Headers HttpClient itself must write; a caller-supplied value would corrupt the message framing. */
    private static final Set<String> MANAGED_HEADERS = Set.of("content-length", "transfer-encoding", "host", "connection");

    private final TargetGuard guard;
    private final HttpDeliverySettings settings;
    private final ResponseReader reader;
    private final CloseableHttpClient client;
    private final Object revocationLock = new Object();
    private volatile CloseableHttpClient revocationClient;
    private final PoolSweeper pools;
    private final Circuits circuits;

    public HttpDeliverySender(TargetGuard guard, HttpDeliverySettings settings) {
        this(guard, settings, CircuitListener.NONE);
    }

    /** Tells {@code circuitListener} when a target's circuit opens, and when it closes again or is forgotten. */
    public HttpDeliverySender(TargetGuard guard, HttpDeliverySettings settings, CircuitListener circuitListener) {
        this(guard, settings, circuitListener, Clock.systemUTC());
    }

    HttpDeliverySender(TargetGuard guard, HttpDeliverySettings settings, CircuitListener circuitListener, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reader = new ResponseReader(new RetryAfter(clock));
        this.pools = PoolSweeper.standard();
        // a new target is a new route for the pools too: a burst of them triggers a sweep
        this.circuits = new Circuits(settings, this::newBreaker, circuitListener, pools::targetAdded);
        this.client = buildClient(SSLContexts.createDefault());
    }

    @Override
    public DeliveryAttempt send(DeliveryRequest request) {
        URI url;
        try {
            url = URI.create(request.url());
            guard.checkUrl(url);
        } catch (IllegalArgumentException invalid) {
            return DeliveryAttempt.failed(AttemptFailure.TARGET_REFUSED, "target URL is not a valid URL");
        } catch (TargetRefusedException refused) {
            return DeliveryAttempt.failed(AttemptFailure.TARGET_REFUSED, refused.getMessage());
        }
        return sendChecked(url, hostOf(url), request);
    }

    /** Each target's ({@code host:port}) circuit state: CLOSED, OPEN or HALF_OPEN. */
    public Map<String, String> circuitStates() {
        return circuits.states();
    }

    /** How many circuit breakers are kept. */
    long circuitCount() {
        return circuits.size();
    }

    /** How many per-route pools the connection pools hold. */
    int pooledRoutes() {
        return pools.routes();
    }

    /** Sweeps the connection pools now rather than at the next interval. */
    void sweepPools() {
        pools.sweep();
    }

    @Override
    public void close() {
        pools.close();
        client.close(CloseMode.GRACEFUL);
        CloseableHttpClient revoking = revocationClient;
        if (revoking != null) {
            revoking.close(CloseMode.GRACEFUL);
        }
    }

    private DeliveryAttempt sendChecked(URI url, String host, DeliveryRequest request) {
        try {
            CloseableHttpClient chosen = request.checkCertificateRevocation() ? revocationClient() : client;
            return Failsafe.with(circuits.breakerOf(circuitKey(url))).get(() -> exchange(chosen, url, request));
        } catch (CircuitBreakerOpenException open) {
            return DeliveryAttempt.failed(AttemptFailure.CIRCUIT_OPEN, "circuit open for " + circuitKey(url)
                    + ": recent attempts failed");
        } catch (FailsafeException wrapped) {
            return failed(wrapped.getCause() == null ? wrapped : wrapped.getCause(), host, request);
        } catch (RuntimeException unexpected) {
            return failed(unexpected, host, request);
        }
    }

    private DeliveryAttempt exchange(CloseableHttpClient httpClient, URI url, DeliveryRequest request) throws IOException {
        HttpPost post = post(url, request);
        ClassicHttpResponse response = httpClient.executeOpen(null, post, null);
        try {
            return reader.read(response, post, request.timeout());
        } finally {
            closeQuietly(response);
        }
    }

    private HttpPost post(URI url, DeliveryRequest request) {
        HttpPost post = new HttpPost(url);
        post.setConfig(RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                .setResponseTimeout(Timeout.of(request.timeout()))
                .build());
        post.setEntity(new ByteArrayEntity(request.body(), JSON));
        post.setHeader(HttpHeaders.CONTENT_TYPE, JSON.getMimeType());
        post.setHeader(HttpHeaders.USER_AGENT, settings.userAgent());
        request.headers().forEach((name, value) -> {
            if (!MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                post.setHeader(name, value);
            }
        });
        return post;
    }

    private DeliveryAttempt failed(Throwable failure, String host, DeliveryRequest request) {
        if (failure instanceof TargetRefusedException) {
            return DeliveryAttempt.failed(AttemptFailure.TARGET_REFUSED, failure.getMessage());
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return DeliveryAttempt.failed(AttemptFailure.NETWORK_ERROR, "interrupted while delivering to " + host);
        }
        if (failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().startsWith("cannot set up certificate revocation")) {
            return DeliveryAttempt.failed(AttemptFailure.TLS_FAILURE, "TLS setup failed: " + failure.getMessage());
        }
        return FailureReasons.of(failure, host, request.timeout(), settings.connectTimeout());
    }

    private CircuitBreakerBuilder<DeliveryAttempt> newBreaker() {
        return CircuitBreaker.<DeliveryAttempt>builder()
                .handleIf(HttpDeliverySender::isUnanswered)
                .withFailureThreshold(settings.circuitFailureThreshold())
                .withDelay(settings.circuitHalfOpenAfter());
    }

    private CloseableHttpClient revocationClient() {
        CloseableHttpClient existing = revocationClient;
        if (existing != null) {
            return existing;
        }
        synchronized (revocationLock) {
            if (revocationClient == null) {
                revocationClient = buildClient(RevocationCheckingTls.sslContext());
            }
            return revocationClient;
        }
    }

    private CloseableHttpClient buildClient(SSLContext sslContext) {
        return HttpClients.custom()
                .setConnectionManager(connectionManager(sslContext))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(settings.userAgent())
                .build();
    }

    private HttpClientConnectionManager connectionManager(SSLContext sslContext) {
        Timeout connectTimeout = Timeout.of(settings.connectTimeout());
        return pools.watch(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext))
                .setMaxConnTotal(settings.maxConnectionsTotal())
                .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(connectTimeout)
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connectTimeout).build())
                .build());
    }

    private static boolean isUnanswered(Throwable failure) {
        return failure instanceof IOException && !(failure instanceof TargetRefusedException);
    }

    /** Circuits are per target host and port: another port of the same host is another service. */
    public static String circuitKey(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return hostOf(url) + ":" + port;
    }

    private static String hostOf(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection was dropped on purpose (body cap, timeout): nothing left to release
        }
    }

}
