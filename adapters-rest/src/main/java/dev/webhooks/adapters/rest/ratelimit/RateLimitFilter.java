package dev.webhooks.adapters.rest.ratelimit;

import dev.webhooks.adapters.rest.auth.CallerPrincipal;
import dev.webhooks.adapters.rest.error.ErrorResponses;
import dev.webhooks.domain.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference's rate-limit tiers per user, in fixed one-minute windows, on this instance (each instance counts
 * on its own). Every answer carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset}; over the limit is 429 {@code RATE_LIMITED} with {@code Retry-After}.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STATE = RateLimitFilter.class.getName() + ".state";
    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_TRACKED = 100_000;

    private final RateLimits limits;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitFilter(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** One user's count in one tier's current window. */
    private static final class Window {
        private long start;
        private int count;

        synchronized int hit(long now) {
            if (now - start >= WINDOW_MILLIS) {
                start = now - now % WINDOW_MILLIS;
                count = 0;
            }
            return ++count;
        }

        synchronized long resetAt() {
            return start + WINDOW_MILLIS;
        }
    }

    private record State(int limit, int remaining, long resetSeconds) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!limits.enabled() || !(request.getSecurityContext().getUserPrincipal() instanceof CallerPrincipal principal)) {
            return;
        }
        String tier = tierOf(request);
        int limit = limitOf(tier);
        if (limit == 0) {
            return;
        }
        long now = clock.millis();
        evictWhenCrowded(now);
        Window window = windows.computeIfAbsent(tier + '\n' + principal.caller().tenantId() + '\n' + principal.caller().userId(),
                key -> new Window());
        int count = window.hit(now);
        long resetSeconds = Math.max(1, (window.resetAt() - now + 999) / 1000);
        State state = new State(limit, Math.max(0, limit - count), resetSeconds);
        request.setProperty(STATE, state);
        if (count > limit) {
            request.abortWith(Response.fromResponse(ErrorResponses.of(Response.Status.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED,
                    "more than " + limit + " " + tier + " requests a minute; retry in " + resetSeconds + " s"))
                    .header("Retry-After", resetSeconds).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof State state) {
            response.getHeaders().putSingle("X-RateLimit-Limit", state.limit());
            response.getHeaders().putSingle("X-RateLimit-Remaining", state.remaining());
            response.getHeaders().putSingle("X-RateLimit-Reset", state.resetSeconds());
        }
    }

    private static String tierOf(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("api/v1/events")) {
            return "event";
        }
        return HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()) ? "read" : "write";
    }

    private int limitOf(String tier) {
        return switch (tier) {
            case "read" -> limits.readsPerMinute();
            case "write" -> limits.writesPerMinute();
            default -> limits.eventsPerMinute();
        };
    }

    /** Forgets windows that have ended once many users were seen, so memory stays bounded. */
    private void evictWhenCrowded(long now) {
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(window -> window.resetAt() <= now);
        }
    }
}
