package dev.webhooks.bootstrap;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rate-limit test at full length: 1,000 events to a webhook limited to 20/s arrive at 20/s ± 10 % in every
 * 5 s window after the warm-up while an unlimited webhook of the same tenant runs at full speed; with one instance,
 * and with two instances on one database (the events published through both), which share the limit.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIT {
    private static final int EVENTS = 1_000;
    static final DropwizardAppExtension<WebhooksConfiguration> FIRST = TestApp.create();
    static final DropwizardAppExtension<WebhooksConfiguration> SECOND = TestApp.create();

    @AfterAll
    static void forgetTenants() {
        TestApp.forgetTenants("rate-it-");
    }

    @Test
    void oneInstanceKeepsTheLimit() throws Exception {
        RateLimitScenario.run("rate-it-one-" + UUID.randomUUID(), EVENTS, List.of(RateLimitFlowTest.calls(FIRST)));
    }

    @Test
    void twoInstancesOnOneDatabaseTogetherKeepTheLimit() throws Exception {
        RateLimitScenario.run("rate-it-two-" + UUID.randomUUID(), EVENTS,
                List.of(RateLimitFlowTest.calls(FIRST), RateLimitFlowTest.calls(SECOND)));
    }
}
