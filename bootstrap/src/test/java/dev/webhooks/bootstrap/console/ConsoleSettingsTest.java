package dev.webhooks.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhooks.bootstrap.WebhooksConfiguration;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The console's settings in config.yml: on by default without a provider; a provider's settings are checked at start. */
class ConsoleSettingsTest {
    private static WebhooksConfiguration load(String... overrides) throws Exception {
        Properties saved = (Properties) System.getProperties().clone();
        try {
            for (int i = 0; i < overrides.length; i += 2) {
                System.setProperty("dw." + overrides[i], overrides[i + 1]);
            }
            return new YamlConfigurationFactory<>(WebhooksConfiguration.class, Validators.newValidator(),
                    Jackson.newObjectMapper(), "dw")
                    .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                            new EnvironmentVariableSubstitutor(false)), "../config.yml");
        } finally {
            System.setProperties(saved);
        }
    }

    @Test
    void theShippedConsoleIsOnWithoutAProvider() throws Exception {
        WebhooksConfiguration configuration = load();
        assertThat(configuration.getConsole().isEnabled()).isTrue();
        assertThat(configuration.getConsole().getOidc().toClient()).isEmpty();
    }

    @Test
    void aProviderNeedsAnHttpIssuerAndAClientId() throws Exception {
        assertThat(load("console.oidc.issuer", "https://login.example.com", "console.oidc.clientId", "console")
                .getConsole().getOidc().toClient()).hasValueSatisfying(client ->
                assertThat(client.connectOrigins()).containsExactly("https://login.example.com"));
        assertThatThrownBy(() -> load("console.oidc.issuer", "https://login.example.com"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("console.oidc.clientId is required");
        assertThatThrownBy(() -> load("console.oidc.issuer", "login.example.com", "console.oidc.clientId", "console"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("console.oidc.issuer must be");
        assertThatThrownBy(() -> load("console.oidc.issuer", "https://login.example.com", "console.oidc.clientId", "console",
                "console.oidc.token", "refresh_token"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("token");
    }
}
