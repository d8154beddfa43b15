package dev.webhooks.bootstrap;

import dev.webhooks.adapters.persistence.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;

/** The real application from the shipped config.yml, on the test database, random ports, local targets allowed. */
final class TestApp {
    private TestApp() {
    }

    static DropwizardAppExtension<WebhooksConfiguration> create(ConfigOverride... extra) {
        return new DropwizardAppExtension<>(WebhooksApplication.class, CONFIG, overrides(extra));
    }

    static final String CONFIG = "../config.yml";

    /**
     * Deletes the webhooks (and so the deliveries) of test tenants with these name prefixes, so that due deliveries
     * to receivers that are gone do not linger in a shared database for later tests.
     */
    static void forgetTenants(String... prefixes) {
        for (String prefix : prefixes) {
            TestDatabase.shared().jdbi().useHandle(h -> h.createUpdate("DELETE FROM webhooks WHERE tenant_id LIKE :prefix")
                    .bind("prefix", prefix + "%").execute());
        }
    }

    static ConfigOverride[] overrides(ConfigOverride... extra) {
        TestDatabase database = TestDatabase.shared();
        return overridesOn(database.jdbcUrl(), database.user(), database.password(), extra);
    }

    /** The same overrides for a database of the test's own. */
    static ConfigOverride[] overridesOn(String jdbcUrl, String user, String password, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("database.url", jdbcUrl),
                ConfigOverride.config("database.user", user),
                ConfigOverride.config("database.password", password),
                ConfigOverride.config("allowHttp", "true"),
                ConfigOverride.config("allowedTargetCidrs", "127.0.0.0/8"),
                ConfigOverride.config("rateLimits.enabled", "false"),
                ConfigOverride.config("logging.level", "WARN")));
        overrides.addAll(List.of(extra));
        return overrides.toArray(ConfigOverride[]::new);
    }
}
