package dev.webhooks.adapters.rest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.webhooks.domain.access.Caller;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer JWTs with nimbus-jose-jwt: HS256 with the configured secret, RS256/ES256 with keys from the
 * JWKS URL. Unsigned ({@code alg: none}) and unknown algorithms are refused; {@code exp} is required.
 */
public final class BearerTokenVerifier {
    /** Tenant and user ids are stored in columns of 255 characters. */
    static final int MAX_IDENTIFIER_LENGTH = 255;

    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> hmacProcessor;
    private final DefaultJWTProcessor<SecurityContext> jwksProcessor;

    public BearerTokenVerifier(JwtSettings settings) {
        this(settings, settings.jwksUrl() == null ? null : remoteKeys(settings.jwksUrl()));
    }

    public BearerTokenVerifier(JwtSettings settings, JWKSource<SecurityContext> publicKeys) {
        if (settings.hmacSecret() == null && publicKeys == null) {
            throw new IllegalArgumentException("configure an HS256 secret (auth.hmacSecret) or a JWKS URL (auth.jwksUrl)");
        }
        this.settings = settings;
        this.hmacProcessor = settings.hmacSecret() == null ? null : processor(
                new ImmutableSecret<>(settings.hmacSecret().getBytes(StandardCharsets.UTF_8)), Set.of(JWSAlgorithm.HS256));
        this.jwksProcessor = publicKeys == null ? null : processor(publicKeys, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
    }

    public Caller verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims = claimsOf(token);
        return new Caller(identifier(claims, settings.tenantIdClaim()), identifier(claims, settings.userIdClaim()), roles(claims));
    }

    /** A tenant or user id: a non-blank string that fits the columns it is stored in. */
    private static String identifier(JWTClaimsSet claims, String name) throws InvalidTokenException {
        String value;
        try {
            value = claims.getStringClaim(name);
        } catch (ParseException notAString) {
            throw new InvalidTokenException("the '" + name + "' claim must be a string");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidTokenException("the token lacks the '" + name + "' claim");
        }
        if (value.length() > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidTokenException("the '" + name + "' claim is longer than " + MAX_IDENTIFIER_LENGTH + " characters");
        }
        return value;
    }

    private Set<String> roles(JWTClaimsSet claims) throws InvalidTokenException {
        List<String> roles;
        try {
            roles = claims.getStringListClaim(settings.rolesClaim());
        } catch (ParseException notStrings) {
            roles = null;
        }
        if (claims.getClaim(settings.rolesClaim()) == null) {
            return Set.of();
        }
        if (roles == null || roles.contains(null)) {
            throw new InvalidTokenException("the '" + settings.rolesClaim() + "' claim must be an array of strings");
        }
        return new HashSet<>(roles);
    }

    private JWTClaimsSet claimsOf(String token) throws InvalidTokenException {
        DefaultJWTProcessor<SecurityContext> processor = processorFor(token);
        try {
            return processor.process(token, null);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(e.getMessage().contains("Expired") ? "the token has expired"
                    : "the token was refused: " + e.getMessage());
        } catch (JOSEException | ParseException e) {
            throw new InvalidTokenException("the token is not a well-formed signed JWT");
        }
    }

    private DefaultJWTProcessor<SecurityContext> processorFor(String token) throws InvalidTokenException {
        String algorithm;
        if (isUnsigned(token)) {
            throw new InvalidTokenException("unsigned tokens (alg none) are not accepted");
        }
        try {
            algorithm = com.nimbusds.jose.JWSHeader.parse(com.nimbusds.jose.util.Base64URL.from(token.split("\\.", 2)[0]))
                    .getAlgorithm().getName();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("the token is not a well-formed signed JWT");
        }
        DefaultJWTProcessor<SecurityContext> processor = "HS256".equals(algorithm) ? hmacProcessor
                : ("RS256".equals(algorithm) || "ES256".equals(algorithm)) ? jwksProcessor : null;
        if (processor == null) {
            throw new InvalidTokenException("tokens signed with '" + algorithm + "' are not accepted");
        }
        return processor;
    }

    private static boolean isUnsigned(String token) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(token) instanceof com.nimbusds.jwt.PlainJWT;
        } catch (ParseException e) {
            return false;
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                settings.audience() == null ? null : Set.of(settings.audience()),
                exact.build(),
                Set.of("exp", settings.userIdClaim(), settings.tenantIdClaim()),
                null));
        return processor;
    }

    private static JWKSource<SecurityContext> remoteKeys(String url) {
        try {
            return JWKSourceBuilder.create(URI.create(url).toURL()).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWKS URL is not a valid URL: " + url, e);
        }
    }
}
