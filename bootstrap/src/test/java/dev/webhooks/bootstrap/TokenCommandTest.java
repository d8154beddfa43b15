package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.adapters.rest.auth.BearerTokenVerifier;
import dev.webhooks.adapters.rest.auth.JwtSettings;
import dev.webhooks.domain.access.Caller;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

    @Test
    void printsOnlyAVerifiableToken() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new WebhooksApplication().run("token", "--tenant", "acme", "--user", "alice", "--role", "TenantAdmin",
                    "--role", "EventPublisher", "--ttl", "5m", "../config.yml");
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        Caller caller = new BearerTokenVerifier(JwtSettings.hmac(AuthSettings.DEVELOPMENT_SECRET)).verify(lines[0]);
        assertThat(caller).isEqualTo(new Caller("acme", "alice", Set.of("TenantAdmin", "EventPublisher")));
    }

    @Test
    void readsLifetimes() {
        assertThat(TokenCommand.parseTtl("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.parseTtl("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(TokenCommand.parseTtl("7d")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> TokenCommand.parseTtl("soon")).hasMessageContaining("--ttl");
    }
}
