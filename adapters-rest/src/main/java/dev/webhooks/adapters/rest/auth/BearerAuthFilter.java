package dev.webhooks.adapters.rest.auth;

import dev.webhooks.domain.access.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Requires a valid bearer token on every {@code /api/v1/} request, before routing (so unknown API paths reveal
 * nothing to anonymous callers), and makes its caller the request's principal. A request without one ends in a
 * {@link NotAuthenticatedException}, which the error package answers.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {
    private static final String PREFIX = "Bearer ";

    private final BearerTokenVerifier verifier;

    public BearerAuthFilter(BearerTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("api/v1/") || path.equals("api/v1/openapi.json")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new NotAuthenticatedException("the 'Authorization: Bearer <token>' header is missing");
        }
        try {
            Caller caller = verifier.verify(header.substring(PREFIX.length()).trim());
            request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure()));
        } catch (InvalidTokenException e) {
            throw new NotAuthenticatedException(e.getMessage());
        }
    }

    private record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return new CallerPrincipal(caller);
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.hasRole(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
