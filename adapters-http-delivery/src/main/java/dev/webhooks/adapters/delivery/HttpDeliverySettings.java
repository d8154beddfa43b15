package dev.webhooks.adapters.delivery;

import java.time.Duration;
import java.util.Objects;

/** Tuning of the outbound HTTP client: timeouts, pool sizes, the User-Agent and the per-host circuit breaker. */
public record HttpDeliverySettings(Duration connectTimeout, int maxConnectionsTotal, int maxConnectionsPerRoute,
                                   String userAgent, int circuitFailureThreshold, Duration circuitHalfOpenAfter) {
    public static final String DEFAULT_USER_AGENT = "Webhooks-Service/1.0 (+self-hosted)";

    public HttpDeliverySettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(circuitHalfOpenAfter, "circuitHalfOpenAfter");
        if (maxConnectionsTotal < 1 || maxConnectionsPerRoute < 1 || circuitFailureThreshold < 1) {
            throw new IllegalArgumentException("connection limits and the circuit threshold must be positive");
        }
    }

    /** Connect timeout 5 s, 200 connections (10 per route), 20 failures open a host's circuit for 30 s. */
    public static HttpDeliverySettings defaults() {
        return new HttpDeliverySettings(Duration.ofSeconds(5), 200, 10, DEFAULT_USER_AGENT, 20, Duration.ofSeconds(30));
    }

    public HttpDeliverySettings withConnectTimeout(Duration value) {
        return new HttpDeliverySettings(value, maxConnectionsTotal, maxConnectionsPerRoute, userAgent,
                circuitFailureThreshold, circuitHalfOpenAfter);
    }

    /** At most this many connections to one host and port, and to all hosts together at least as many. */
    public HttpDeliverySettings withMaxConnectionsPerRoute(int value) {
        return new HttpDeliverySettings(connectTimeout, Math.max(maxConnectionsTotal, value), value, userAgent,
                circuitFailureThreshold, circuitHalfOpenAfter);
    }

    public HttpDeliverySettings withCircuit(int failureThreshold, Duration halfOpenAfter) {
        return new HttpDeliverySettings(connectTimeout, maxConnectionsTotal, maxConnectionsPerRoute, userAgent,
                failureThreshold, halfOpenAfter);
    }
}
