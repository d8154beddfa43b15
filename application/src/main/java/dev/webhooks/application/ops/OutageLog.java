package dev.webhooks.application.ops;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Logs an outage of something the service depends on as two lines, a warning when it starts and an info line when it
 * ends with its duration and how many failures it caused, however many failures come in between.
 */
public final class OutageLog {
    private final String subject;
    private final String failures;
    private final Duration settle;
    private final System.Logger log;
    private final Clock clock;
    private Outage ongoing;
    /** Mirrors {@code ongoing != null}, so that a success outside an outage costs one volatile read and no lock. */
    private volatile boolean down;

    /**
     * @param subject  what is out, as the lines name it, e.g. {@code "database"}
     * @param failures what each failure meant, as the end line counts it, e.g. {@code "API requests answered 503"}
     * @param settle   a success ends the outage only this long after its last failure, so that an outage that
     *                 flickers at its end (or an overload that fails some calls and not others) stays one outage
     */
    public OutageLog(String subject, String failures, Duration settle, System.Logger log, Clock clock) {
        this.subject = subject;
        this.failures = failures;
        this.settle = settle;
        this.log = log;
        this.clock = clock;
    }

    /** A call failed because of the outage; the first failure of an outage logs the warning, naming its cause. */
    public void failed(Throwable cause) {
        Instant now = clock.instant();
        synchronized (this) {
            if (ongoing == null) {
                ongoing = new Outage(now, now, 0);
                down = true;
                log.log(Level.WARNING, subject + " unavailable: " + firstLine(cause)
                        + " (one more line when it is back; failures until then are counted, not logged)");
            }
            ongoing = new Outage(ongoing.start(), now, ongoing.failures() + 1);
        }
    }

    /** A call succeeded; ends an ongoing outage with the info line, unless its last failure was under {@code settle} ago. */
    public void succeeded() {
        if (!down) {
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (ongoing == null || now.isBefore(ongoing.lastFailure().plus(settle))) {
                return;
            }
            log.log(Level.INFO, String.format(Locale.ROOT, "%s available again after %.1f s; %d %s meanwhile", subject,
                    Duration.between(ongoing.start(), now).toMillis() / 1000.0, ongoing.failures(), failures));
            ongoing = null;
            down = false;
        }
    }

    public boolean isOngoing() {
        return down;
    }

    private static String firstLine(Throwable cause) {
        String text = cause.toString();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }

    private record Outage(Instant start, Instant lastFailure, long failures) {
    }
}
