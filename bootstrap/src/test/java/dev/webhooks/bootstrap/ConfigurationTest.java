package dev.webhooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The shipped config.yml is valid with its defaults, and bad settings stop the start with a message naming them. */
class ConfigurationTest {
    private static WebhooksConfiguration load(String... overrides) throws Exception {
        Properties saved = (Properties) System.getProperties().clone();
        try {
            for (int i = 0; i < overrides.length; i += 2) {
                System.setProperty("dw." + overrides[i], overrides[i + 1]);
            }
            ObjectMapper mapper = Jackson.newObjectMapper();
            return new YamlConfigurationFactory<>(WebhooksConfiguration.class, Validators.newValidator(), mapper, "dw")
                    .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                            new EnvironmentVariableSubstitutor(false)), "../config.yml");
        } finally {
            System.setProperties(saved);
        }
    }

    @Test
    void shippedDefaultsAreValid() throws Exception {
        WebhooksConfiguration configuration = load();
        assertThat(configuration.getMaxWebhooksPerOwner()).isEqualTo(150);
        assertThat(configuration.getDelivery().engineSettings().slowLaneSlots()).isEqualTo(16);
        assertThat(configuration.getDelivery().engineSettings().maxInFlightPerWebhook()).isEqualTo(8);
        assertThat(configuration.getRateLimits().toRateLimits().writesPerMinute()).isEqualTo(100);
    }

    @Test
    void theServingPoolGivesUpOnAStalledDatabaseWithinSecondsAndMigrationsDoNot() throws Exception {
        WebhooksConfiguration configuration = load();
        assertThat(configuration.getDatabase().getMaxWaitForConnection().toSeconds()).isEqualTo(2);
        assertThat(configuration.getDatabase().getValidationQuery()).isEmpty();
        assertThat(configuration.getDatabase().getValidationQueryTimeout()).hasValueSatisfying(
                timeout -> assertThat(timeout.toSeconds()).isEqualTo(2));
        DatabaseSettings settings = configuration.getDatabaseSettings();
        assertThat(settings.forServing(new io.dropwizard.db.DataSourceFactory()).getProperties())
                .containsEntry("connectTimeout", "2000").containsEntry("socketTimeout", "5000");
        assertThat(settings.forMigrations(new io.dropwizard.db.DataSourceFactory()).getProperties())
                .containsEntry("connectTimeout", "2000").containsEntry("socketTimeout", "0");
        assertThat(settings.longStatementTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(settings.getEmbeddedBufferPool().toBytes()).isEqualTo(1L << 30);
    }

    @Test
    void badDatabaseTimeoutsAreNamed() {
        assertThatThrownBy(() -> load("database.maxWaitForConnection", "0s"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("database.maxWaitForConnection");
        assertThatThrownBy(() -> load("database.validationQueryTimeout", "500ms"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("database.validationQueryTimeout");
        assertThatThrownBy(() -> load("database.properties.socketTimeout", "60000"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("databaseSettings.socketTimeout");
        assertThatThrownBy(() -> load("databaseSettings.socketTimeout", "0s"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("databaseSettings.socketTimeout");
        assertThatThrownBy(() -> load("databaseSettings.connectTimeout", "0s"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("databaseSettings.connectTimeout");
        assertThatThrownBy(() -> load("databaseSettings.embeddedBufferPool", "1MiB"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("databaseSettings.embeddedBufferPool");
        assertThatThrownBy(() -> load("databaseSettings.longStatementTimeout", "3s"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("databaseSettings.longStatementTimeout");
        assertThatThrownBy(() -> load("databaseSettings.migrationSocketTimeout", "-1s"))
                .isInstanceOf(Exception.class).hasMessageContaining("migrationSocketTimeout");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> load("delivery.lease", "5s"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("delivery.lease");
        assertThatThrownBy(() -> load("encryptionKeys", ""))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("encryptionKeys");
        assertThatThrownBy(() -> load("delivery.retryJitter", "1.5"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("retryJitter");
        assertThatThrownBy(() -> load("maxWebhooksPerOwner", "0"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("maxWebhooksPerOwner");
    }
}
