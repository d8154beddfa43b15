package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.adapters.rest.console.OidcClient;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenID Connect provider of the console's "Sign in with ..." button; none while {@code issuer} is empty. The
 * service's {@code auth} settings must accept the token the provider returns (its JWKS URL and issuer).
 */
public class OidcSettings {
    private String issuer;
    private String clientId;
    private String scopes = "openid profile";
    private String providerName;
    @NotNull
    @Pattern(regexp = "id_token|access_token", message = "must be id_token or access_token")
    private String token = "id_token";
    @NotNull
    private List<String> additionalOrigins = new ArrayList<>();

    @JsonProperty
    public String getIssuer() {
        return issuer;
    }

    @JsonProperty
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    @JsonProperty
    public String getClientId() {
        return clientId;
    }

    @JsonProperty
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    @JsonProperty
    public String getScopes() {
        return scopes;
    }

    @JsonProperty
    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    @JsonProperty
    public String getProviderName() {
        return providerName;
    }

    @JsonProperty
    public void setProviderName(String providerName) {
        this.providerName = providerName;
    }

    @JsonProperty
    public String getToken() {
        return token;
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }

    @JsonProperty
    public List<String> getAdditionalOrigins() {
        return additionalOrigins;
    }

    @JsonProperty
    public void setAdditionalOrigins(List<String> additionalOrigins) {
        this.additionalOrigins = additionalOrigins;
    }

    @JsonIgnore
    @ValidationMethod(message = "console.oidc.issuer must be an absolute http(s) URL without credentials, query or fragment")
    public boolean isIssuerAnHttpUrl() {
        return !hasIssuer() || isHttpUrl(issuer);
    }

    @JsonIgnore
    @ValidationMethod(message = "console.oidc.clientId is required when console.oidc.issuer is set")
    public boolean isClientIdGivenWithIssuer() {
        return !hasIssuer() || (clientId != null && !clientId.isBlank());
    }

    @JsonIgnore
    @ValidationMethod(message = "console.oidc.additionalOrigins must be absolute http(s) URLs")
    public boolean isEveryAdditionalOriginAnHttpUrl() {
        return additionalOrigins == null || additionalOrigins.stream().allMatch(OidcSettings::isHttpUrl);
    }

    private boolean hasIssuer() {
        return issuer != null && !issuer.isBlank();
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            OidcClient.origin(url);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The provider, when an issuer is configured. */
    public Optional<OidcClient> toClient() {
        if (!hasIssuer()) {
            return Optional.empty();
        }
        return Optional.of(new OidcClient(issuer.trim(), clientId == null ? null : clientId.trim(), scopes, providerName,
                token, additionalOrigins));
    }
}
