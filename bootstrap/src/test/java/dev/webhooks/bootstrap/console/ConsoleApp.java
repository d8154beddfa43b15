package dev.webhooks.bootstrap.console;

import dev.webhooks.adapters.persistence.TestDatabase;
import dev.webhooks.adapters.rest.auth.DevTokenIssuer;
import dev.webhooks.bootstrap.WebhooksApplication;
import dev.webhooks.bootstrap.WebhooksConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real service from the shipped config.yml for the console's tests: the shared test database, random ports,
 * local receivers allowed, fast delivery and one quick retry.
 */
final class ConsoleApp {
    private ConsoleApp() {
    }

    static DropwizardAppExtension<WebhooksConfiguration> create(Map<String, String> extra) {
        TestDatabase database = TestDatabase.shared();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.applicationConnectors[0].port", "0");
        settings.put("server.adminConnectors[0].port", "0");
        settings.put("database.url", database.jdbcUrl());
        settings.put("database.user", database.user());
        settings.put("database.password", database.password());
        settings.put("allowHttp", "true");
        settings.put("allowedTargetCidrs", "127.0.0.0/8");
        settings.put("rateLimits.enabled", "false");
        settings.put("logging.level", "WARN");
        settings.put("delivery.pollInterval", "50ms");
        settings.put("delivery.retryDelays", "0s");
        settings.putAll(extra);
        List<ConfigOverride> overrides = new ArrayList<>();
        settings.forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
        return new DropwizardAppExtension<>(WebhooksApplication.class, "../config.yml", overrides.toArray(ConfigOverride[]::new));
    }

    /** The console's address; localhost, so that the browser treats it as a secure context as it would HTTPS. */
    static String consoleUrl(DropwizardAppExtension<WebhooksConfiguration> app) {
        return "http://localhost:" + app.getLocalPort() + "/console/";
    }

    static String token(DropwizardAppExtension<WebhooksConfiguration> app, String tenant, String user, Duration ttl,
                        String... roles) {
        return new DevTokenIssuer(app.getConfiguration().getAuth().toJwtSettings()).issue(tenant, user, List.of(roles), ttl);
    }

    /** Deletes the test tenants' webhooks (and deliveries), so nothing due lingers in a shared database. */
    static void forgetTenants(String prefix) {
        TestDatabase.shared().forgetTenants(prefix);
    }
}
