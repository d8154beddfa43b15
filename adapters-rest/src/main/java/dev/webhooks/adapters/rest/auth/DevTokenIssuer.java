package dev.webhooks.adapters.rest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Mints HS256 tokens with the configured secret and claim names, for development, scripts and tests. */
public final class DevTokenIssuer {
    private final JwtSettings settings;

    public DevTokenIssuer(JwtSettings settings) {
        if (settings.hmacSecret() == null) {
            throw new IllegalArgumentException("tokens can only be minted with an HS256 secret");
        }
        this.settings = settings;
    }

    public String issue(String tenantId, String userId, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim(settings.userIdClaim(), userId)
                .claim(settings.tenantIdClaim(), tenantId)
                .claim(settings.rolesClaim(), List.copyOf(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (settings.issuer() != null) {
            claims.issuer(settings.issuer());
        }
        if (settings.audience() != null) {
            claims.audience(settings.audience());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(settings.hmacSecret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
        return jwt.serialize();
    }
}
