package dev.webhooks.application.time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting between tries of work that must not hurry (the service's own events, the retention purge). */
public final class Pause {
    private Pause() {
    }

    /** Sleeps for {@code pause}; false when interrupted (the service is stopping), with the interrupt kept. */
    public static boolean sleep(Duration pause) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
