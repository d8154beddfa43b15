package dev.webhooks.domain.access;

import dev.webhooks.domain.InvalidInputException;
import java.util.Objects;
import java.util.Set;

/** The authenticated user on whose behalf a use case runs: tenant, user id and role names. */
public record Caller(String tenantId, String userId, Set<String> roles) {
    public static final String TENANT_ADMIN = "TenantAdmin";
    public static final String EVENT_PUBLISHER = "EventPublisher";

    public Caller {
        requireText(tenantId, "tenantId");
        requireText(userId, "userId");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    public boolean isTenantAdmin() {
        return roles.contains(TENANT_ADMIN);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(name, "is required");
        }
    }
}
