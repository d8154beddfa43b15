package dev.webhooks.application.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLRecoverableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Two lines per outage, whatever happens in between. */
class OutageLogTest {
    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private final RecordingLogger lines = new RecordingLogger();
    private final MovableClock clock = new MovableClock();
    private final OutageLog outage = new OutageLog("database", "API requests answered 503", Duration.ofSeconds(1), lines, clock);

    @Test
    void successesOutsideAnOutageLogNothing() {
        outage.succeeded();
        assertThat(lines.all()).isEmpty();
        assertThat(outage.isOngoing()).isFalse();
    }

    @Test
    void anOutageIsOneWarningAndOneInfoLine() {
        outage.failed(new RuntimeException("wrapped", new SQLRecoverableException("Communications link failure\n\nmore")));
        clock.advance(Duration.ofSeconds(5));
        outage.failed(new IllegalStateException("second"));
        clock.advance(Duration.ofSeconds(15));
        outage.failed(new IllegalStateException("third"));
        clock.advance(Duration.ofMillis(1500));
        outage.succeeded();
        outage.succeeded();

        assertThat(lines.all()).containsExactly(
                "WARNING database unavailable: java.lang.RuntimeException: wrapped (one more line when it is back;"
                        + " failures until then are counted, not logged)",
                "INFO database available again after 21.5 s; 3 API requests answered 503 meanwhile");
        assertThat(outage.isOngoing()).isFalse();
    }

    @Test
    void onlyTheFirstLineOfTheCauseIsLogged() {
        outage.failed(new SQLRecoverableException("Communications link failure\n\nThe last packet was sent 5 s ago."));
        assertThat(lines.all()).singleElement().asString()
                .contains("java.sql.SQLRecoverableException: Communications link failure (").doesNotContain("last packet");
    }

    @Test
    void aSuccessSoonAfterAFailureDoesNotEndTheOutage() {
        outage.failed(new IllegalStateException("down"));
        clock.advance(Duration.ofMillis(500));
        outage.succeeded();
        outage.failed(new IllegalStateException("still down"));
        clock.advance(Duration.ofMillis(999));
        outage.succeeded();

        assertThat(lines.all()).hasSize(1);
        assertThat(outage.isOngoing()).isTrue();
        clock.advance(Duration.ofMillis(1));
        outage.succeeded();
        assertThat(lines.all()).hasSize(2).last().asString().contains("after 1.5 s; 2 API requests");
    }

    @Test
    void aLaterOutageIsLoggedAgain() {
        outage.failed(new IllegalStateException("first"));
        clock.advance(Duration.ofSeconds(2));
        outage.succeeded();
        clock.advance(Duration.ofMinutes(10));
        outage.failed(new IllegalStateException("second"));
        clock.advance(Duration.ofSeconds(3));
        outage.succeeded();

        assertThat(lines.all()).hasSize(4);
        assertThat(lines.all().get(2)).contains("second");
        assertThat(lines.all().get(3)).contains("after 3.0 s; 1 API requests");
    }

    @Test
    void failuresOnManyThreadsAreOneOutageCountedInFull() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8_000; i++) {
            threads.execute(() -> outage.failed(new IllegalStateException("down")));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        outage.succeeded();

        assertThat(lines.all()).hasSize(2).last().asString().contains("; 8000 API requests answered 503");
    }

    /** Keeps "LEVEL message" lines. */
    private static final class RecordingLogger implements System.Logger {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        List<String> all() {
            return List.copyOf(lines);
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(level + " " + message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            lines.add(level + " " + message.get());
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
