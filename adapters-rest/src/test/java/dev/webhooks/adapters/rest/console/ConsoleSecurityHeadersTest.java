package dev.webhooks.adapters.rest.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSecurityHeadersTest {
    @Test
    void allowsOnlyTheConsolesOwnFilesAndNothingInline() {
        String policy = ConsoleSecurityHeaders.policy(List.of());
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self';",
                "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "require-trusted-types-for 'script'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void letsThePageReachTheOpenIdProvider() {
        assertThat(ConsoleSecurityHeaders.policy(List.of("https://login.example.com", "https://tokens.example.com")))
                .contains("connect-src 'self' https://login.example.com https://tokens.example.com;");
    }
}
