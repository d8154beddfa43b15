package dev.webhooks.engine;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs a loop's failures as outages: one WARN line when its steps start failing (with the first failure), one INFO
 * line when a step works again (how long it lasted, how many steps failed), and nothing in between.
 */
final class OutageLog {
    private static final System.Logger LOG = System.getLogger(OutageLog.class.getName());

    private final String what;
    private final Clock clock;
    private Instant since;
    private long failures;

    OutageLog(String what, Clock clock) {
        this.what = what;
        this.clock = clock;
    }

    void failed(RuntimeException failure) {
        if (since == null) {
            since = clock.instant();
            LOG.log(Level.WARNING, what + " is failing; retrying until it works: " + failure);
        }
        failures++;
    }

    void worked() {
        if (since != null) {
            LOG.log(Level.INFO, what + " works again after " + Duration.between(since, clock.instant()).toMillis()
                    + " ms (" + failures + " failed tries)");
            since = null;
            failures = 0;
        }
    }

    boolean inOutage() {
        return since != null;
    }
}
