package dev.webhooks.adapters.rest.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OidcClientTest {
    private static OidcClient client(String issuer, String... origins) {
        return new OidcClient(issuer, "console", null, null, "id_token", List.of(origins));
    }

    @Test
    void connectsToTheIssuersOriginAndTheAdditionalOnes() {
        OidcClient client = client("https://login.example.com/realms/acme", "https://tokens.example.com:8443/x",
                "https://LOGIN.example.com/other");
        assertThat(client.connectOrigins()).containsExactly("https://login.example.com", "https://tokens.example.com:8443");
    }

    @Test
    void namesTheProviderByItsHostUnlessConfigured() {
        assertThat(client("https://login.example.com").providerName()).isEqualTo("login.example.com");
        assertThat(new OidcClient("https://login.example.com", "c", "openid email", "Acme SSO", "access_token", List.of())
                .providerName()).isEqualTo("Acme SSO");
        assertThat(client("https://login.example.com").scopes()).isEqualTo("openid");
    }

    @Test
    void refusesWhatCouldNotBeAnOriginInAHeader() {
        assertThatThrownBy(() -> client("login.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("ftp://login.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("https://login.example.com/?a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("https://user:pw@login.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("https://login.example.com", "https://x.example.com; script-src *"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsAClientIdAndAKnownToken() {
        assertThatThrownBy(() -> new OidcClient("https://login.example.com", " ", null, null, "id_token", List.of()))
                .hasMessageContaining("client id");
        assertThatThrownBy(() -> new OidcClient("https://login.example.com", "c", null, null, "refresh_token", List.of()))
                .hasMessageContaining("id_token");
    }
}
