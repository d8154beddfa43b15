package dev.webhooks.bootstrap;

import dev.webhooks.adapters.persistence.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            TestDatabase.shared().forgetTenants(prefix);
        }
    }

    static ConfigOverride[] overrides(ConfigOverride... extra) {
        return overrides(Map.of(), extra);
    }

    /**
     * As {@link #overrides(ConfigOverride...)}, with some of the base settings given other values. A key must not be
     * overridden twice: Dropwizard keeps overrides in a set, so which of the two values wins would be chance.
     */
    static ConfigOverride[] overrides(Map<String, String> replacedBase, ConfigOverride... extra) {
        TestDatabase database = TestDatabase.shared();
        return overridesOn(database.jdbcUrl(), database.user(), database.password(), replacedBase, extra);
    }

    /** The same overrides for a database of the test's own. */
    static ConfigOverride[] overridesOn(String jdbcUrl, String user, String password, ConfigOverride... extra) {
        return overridesOn(jdbcUrl, user, password, Map.of(), extra);
    }

    private static ConfigOverride[] overridesOn(String jdbcUrl, String user, String password, Map<String, String> replacedBase,
                                                ConfigOverride... extra) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("server.applicationConnectors[0].port", "0");
        base.put("server.adminConnectors[0].port", "0");
        base.put("database.url", jdbcUrl);
        base.put("database.user", user);
        base.put("database.password", password);
        base.put("allowHttp", "true");
        base.put("allowedTargetCidrs", "127.0.0.0/8");
        base.put("rateLimits.enabled", "false");
        base.put("logging.level", "WARN");
        base.putAll(replacedBase);
        List<ConfigOverride> overrides = new ArrayList<>();
        base.forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
        overrides.addAll(List.of(extra));
        return overrides.toArray(ConfigOverride[]::new);
    }
}
