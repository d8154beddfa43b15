package dev.webhooks.adapters.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.domain.access.Caller;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevTokenIssuerTest {
    private static final JwtSettings SETTINGS = new JwtSettings("a-development-secret-of-at-least-32-bytes!!", null,
            "issuer", "audience", "uid", "tid", "groups");

    @Test
    void issuedTokensVerifyWithTheSameSettings() throws Exception {
        String token = new DevTokenIssuer(SETTINGS).issue("acme", "alice", List.of("TenantAdmin"), Duration.ofMinutes(1));
        assertThat(new BearerTokenVerifier(SETTINGS).verify(token)).isEqualTo(new Caller("acme", "alice", Set.of("TenantAdmin")));
    }

    @Test
    void expiredTokensAreRejected() {
        String token = new DevTokenIssuer(SETTINGS).issue("acme", "alice", List.of(), Duration.ofMinutes(-5));
        assertThatThrownBy(() -> new BearerTokenVerifier(SETTINGS).verify(token))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void refusesShortSecretsAndMissingKeys() {
        assertThatThrownBy(() -> new BearerTokenVerifier(JwtSettings.hmac("short"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BearerTokenVerifier(JwtSettings.hmac(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(SETTINGS.toString()).doesNotContain("development-secret");
    }
}
