package dev.webhooks.adapters.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the outbound HTTP client: timeouts, pool sizes, the User-Agent and the per-target circuit breakers, of
 * which at most {@code maxCircuits} are kept, each forgotten after {@code circuitIdleAfter} without a call.
 */
public record HttpDeliverySettings(Duration connectTimeout, int maxConnectionsTotal, int maxConnectionsPerRoute,
                                   String userAgent, int circuitFailureThreshold, Duration circuitHalfOpenAfter,
                                   int maxCircuits, Duration circuitIdleAfter) {
    public static final String DEFAULT_USER_AGENT = "Webhooks-Service/1.0 (+self-hosted)";

    public HttpDeliverySettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(circuitHalfOpenAfter, "circuitHalfOpenAfter");
        Objects.requireNonNull(circuitIdleAfter, "circuitIdleAfter");
        if (maxConnectionsTotal < 1 || maxConnectionsPerRoute < 1 || circuitFailureThreshold < 1 || maxCircuits < 1) {
            throw new IllegalArgumentException("connection limits, the circuit threshold and maxCircuits must be positive");
        }
        // a breaker forgotten while still open would let a dead target be called again before its delay is over
        if (circuitIdleAfter.compareTo(circuitHalfOpenAfter) <= 0) {
            throw new IllegalArgumentException("circuitIdleAfter must be longer than circuitHalfOpenAfter");
        }
    }

    /**
     * Connect timeout 5 s, 200 connections (10 per route), 20 failures open a target's circuit for 30 s; breakers of
     * at most 10,000 targets, each forgotten after 10 minutes without a call.
     */
    public static HttpDeliverySettings defaults() {
        return new HttpDeliverySettings(Duration.ofSeconds(5), 200, 10, DEFAULT_USER_AGENT, 20, Duration.ofSeconds(30),
                10_000, Duration.ofMinutes(10));
    }

    public HttpDeliverySettings withConnectTimeout(Duration value) {
        return new HttpDeliverySettings(value, maxConnectionsTotal, maxConnectionsPerRoute, userAgent,
                circuitFailureThreshold, circuitHalfOpenAfter, maxCircuits, circuitIdleAfter);
    }

    /** At most this many connections to one host and port, and to all hosts together at least as many. */
    public HttpDeliverySettings withMaxConnectionsPerRoute(int value) {
        return new HttpDeliverySettings(connectTimeout, Math.max(maxConnectionsTotal, value), value, userAgent,
                circuitFailureThreshold, circuitHalfOpenAfter, maxCircuits, circuitIdleAfter);
    }

    public HttpDeliverySettings withCircuit(int failureThreshold, Duration halfOpenAfter) {
        return new HttpDeliverySettings(connectTimeout, maxConnectionsTotal, maxConnectionsPerRoute, userAgent,
                failureThreshold, halfOpenAfter, maxCircuits, circuitIdleAfter);
    }

    public HttpDeliverySettings withCircuitBounds(int maxTargets, Duration idleAfter) {
        return new HttpDeliverySettings(connectTimeout, maxConnectionsTotal, maxConnectionsPerRoute, userAgent,
                circuitFailureThreshold, circuitHalfOpenAfter, maxTargets, idleAfter);
    }
}
