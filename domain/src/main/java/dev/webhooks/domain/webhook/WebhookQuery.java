package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.access.Caller;
import java.util.Optional;
import java.util.Set;

/**
 * Which webhooks of a tenant a list returns. {@code visibleOnlyTo}, when present, limits the list to the
 * user-level webhooks that user owns (what a non-admin may see). {@code name} and {@code url} are
 * case-insensitive patterns where {@code *} matches anything; without a {@code *} they match as substrings.
 */
public record WebhookQuery(
        String tenantId,
        Optional<String> visibleOnlyTo,
        Optional<String> createdByUserId,
        Optional<Boolean> enabled,
        Set<String> eventTypes,
        Optional<Level> level,
        Optional<String> name,
        Optional<String> url,
        Set<Origin> origins,
        Optional<String> ownerId,
        Optional<String> updatedByUserId) {

    public static final int MAX_PATTERN_LENGTH = 2048;

    public WebhookQuery {
        eventTypes = Set.copyOf(eventTypes);
        origins = Set.copyOf(origins);
        checkPattern("name", name);
        checkPattern("url", url);
    }

    /**
     * This query limited to what the caller may see: the caller's tenant and, for non-admins, only the user-level
     * webhooks the caller owns.
     */
    public WebhookQuery scopedTo(Caller caller) {
        Optional<String> restriction = caller.isTenantAdmin() ? Optional.empty() : Optional.of(caller.userId());
        return new WebhookQuery(caller.tenantId(), restriction, createdByUserId, enabled, eventTypes, level, name, url,
                origins, ownerId, updatedByUserId);
    }

    private static void checkPattern(String parameter, Optional<String> pattern) {
        if (pattern.isPresent() && pattern.get().length() > MAX_PATTERN_LENGTH) {
            throw new InvalidInputException(ErrorCode.INVALID_QUERY_PARAMETER,
                    "'" + parameter + "' is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
    }
}
