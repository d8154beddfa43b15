package dev.webhooks.adapters.rest.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * What the console's page is told at {@code /console/config.json}: the OpenID Connect provider, if one is
 * configured, and the names of the token claims that carry the user, the tenant and the roles.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ConsoleConfig(Optional<OidcClient> oidc, Claims claims, String redirectPath) {
    /** Where the provider sends the browser back to: the console itself. */
    public static final String REDIRECT_PATH = "/console/";

    /** The claim names of the service's bearer tokens ({@code auth.*Claim}). */
    public record Claims(String userId, String tenantId, String roles) {
    }

    public ConsoleConfig(Optional<OidcClient> oidc, Claims claims) {
        this(oidc, claims, REDIRECT_PATH);
    }

    /** The origins besides the console's own that the page may connect to. */
    public List<String> connectOrigins() {
        return oidc.map(OidcClient::connectOrigins).orElse(List.of());
    }
}
