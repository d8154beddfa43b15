package dev.webhooks.adapters.rest.auth;

import java.util.Objects;

/**
 * How bearer tokens are checked: an HS256 secret and/or a JWKS URL (RS256, ES256), the issuer and audience to
 * require when set, and the claims that carry the user id, tenant and roles.
 */
public record JwtSettings(String hmacSecret, String jwksUrl, String issuer, String audience,
                          String userIdClaim, String tenantIdClaim, String rolesClaim) {
    public JwtSettings {
        Objects.requireNonNull(userIdClaim, "userIdClaim");
        Objects.requireNonNull(tenantIdClaim, "tenantIdClaim");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        if (hmacSecret != null && hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes long");
        }
    }

    public static JwtSettings hmac(String secret) {
        return new JwtSettings(secret, null, null, null, "sub", "tenantId", "roles");
    }

    @Override
    public String toString() {
        return "JwtSettings[jwksUrl=" + jwksUrl + ", issuer=" + issuer + ", audience=" + audience + "]";
    }
}
