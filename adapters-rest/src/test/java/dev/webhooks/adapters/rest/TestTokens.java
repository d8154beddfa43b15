package dev.webhooks.adapters.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.webhooks.adapters.rest.auth.JwtSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Keys and token minting for tests: an HS256 secret plus an in-memory JWKS with an RSA and an EC key. */
final class TestTokens {
    static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    static final String ISSUER = "https://issuer.example.com";
    static final String AUDIENCE = "webhooks";

    private final RSAKey rsa;
    private final ECKey ec;

    TestTokens() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    JwtSettings settings() {
        return new JwtSettings(SECRET, null, ISSUER, AUDIENCE, "sub", "tenantId", "roles");
    }

    JWKSource<SecurityContext> jwks() {
        return new ImmutableJWKSet<>(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
    }

    static JWTClaimsSet.Builder claims(String tenant, String user, String... roles) {
        return new JWTClaimsSet.Builder()
                .subject(user)
                .claim("tenantId", tenant)
                .claim("roles", List.of(roles))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
    }

    String hs256(JWTClaimsSet.Builder claims) {
        return sign(JWSAlgorithm.HS256, null, macSigner(SECRET), claims);
    }

    String hs256WithSecret(String secret, JWTClaimsSet.Builder claims) {
        return sign(JWSAlgorithm.HS256, null, macSigner(secret), claims);
    }

    String rs256(JWTClaimsSet.Builder claims) {
        try {
            return sign(JWSAlgorithm.RS256, rsa.getKeyID(), new RSASSASigner(rsa), claims);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String rs256WithForeignKey(JWTClaimsSet.Builder claims) {
        try {
            RSAKey foreign = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            return sign(JWSAlgorithm.RS256, foreign.getKeyID(), new RSASSASigner(foreign), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String es256(JWTClaimsSet.Builder claims) {
        try {
            return sign(JWSAlgorithm.ES256, ec.getKeyID(), new ECDSASigner(ec), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    String user(String tenant, String user, String... roles) {
        return hs256(claims(tenant, user, roles));
    }

    private static JWSSigner macSigner(String secret) {
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm algorithm, String keyId, JWSSigner signer, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
