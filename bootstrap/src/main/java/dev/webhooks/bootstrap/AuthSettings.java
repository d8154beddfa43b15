package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.adapters.rest.auth.JwtSettings;
import jakarta.validation.constraints.NotEmpty;

/** How bearer tokens are verified: an HS256 secret and/or a JWKS URL, optional issuer and audience, claim names. */
public class AuthSettings {
    /** The development secret shipped in config.yml; the service warns at start while it is in use. */
    public static final String DEVELOPMENT_SECRET = "development-only-jwt-secret-change-me-0123456789";

    private String hmacSecret;
    private String jwksUrl;
    private String issuer;
    private String audience;
    @NotEmpty
    private String userIdClaim = "sub";
    @NotEmpty
    private String tenantIdClaim = "tenantId";
    @NotEmpty
    private String rolesClaim = "roles";

    @JsonProperty
    public String getHmacSecret() {
        return blankToNull(hmacSecret);
    }

    @JsonProperty
    public void setHmacSecret(String hmacSecret) {
        this.hmacSecret = hmacSecret;
    }

    @JsonProperty
    public String getJwksUrl() {
        return blankToNull(jwksUrl);
    }

    @JsonProperty
    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    @JsonProperty
    public String getIssuer() {
        return blankToNull(issuer);
    }

    @JsonProperty
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    @JsonProperty
    public String getAudience() {
        return blankToNull(audience);
    }

    @JsonProperty
    public void setAudience(String audience) {
        this.audience = audience;
    }

    @JsonProperty
    public String getUserIdClaim() {
        return userIdClaim;
    }

    @JsonProperty
    public void setUserIdClaim(String userIdClaim) {
        this.userIdClaim = userIdClaim;
    }

    @JsonProperty
    public String getTenantIdClaim() {
        return tenantIdClaim;
    }

    @JsonProperty
    public void setTenantIdClaim(String tenantIdClaim) {
        this.tenantIdClaim = tenantIdClaim;
    }

    @JsonProperty
    public String getRolesClaim() {
        return rolesClaim;
    }

    @JsonProperty
    public void setRolesClaim(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public JwtSettings toJwtSettings() {
        return new JwtSettings(getHmacSecret(), getJwksUrl(), getIssuer(), getAudience(), userIdClaim, tenantIdClaim, rolesClaim);
    }

    public boolean usesDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(hmacSecret);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
