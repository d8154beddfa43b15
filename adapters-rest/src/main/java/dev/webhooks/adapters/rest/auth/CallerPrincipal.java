package dev.webhooks.adapters.rest.auth;

import dev.webhooks.domain.access.Caller;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The authenticated caller as a JAX-RS principal. */
public record CallerPrincipal(Caller caller) implements Principal {
    @Override
    public String getName() {
        return caller.userId();
    }

    /** The caller of the current request; the auth filter guarantees one on every API path. */
    public static Caller of(SecurityContext context) {
        if (context.getUserPrincipal() instanceof CallerPrincipal principal) {
            return principal.caller();
        }
        throw new IllegalStateException("no authenticated caller on an API request");
    }
}
