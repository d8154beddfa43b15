package dev.webhooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a live MariaDB server on the same data directory counts as left over; it is stopped, by force if need be. */
class LeftoverServerTest {
    @TempDir
    Path directory;

    @Test
    void noPidFileNamesNothing() {
        assertThat(LeftoverServer.find(directory.resolve("mariadbd.pid"), directory)).isEmpty();
    }

    @Test
    void anUnreadablePidFileNamesNothing() throws Exception {
        Path pidFile = Files.writeString(directory.resolve("mariadbd.pid"), "not a pid\n");
        assertThat(LeftoverServer.find(pidFile, directory)).isEmpty();
    }

    @Test
    void aStalePidFileNamesNothing() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertThat(exited.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path pidFile = Files.writeString(directory.resolve("mariadbd.pid"), exited.pid() + "\n");
        assertThat(LeftoverServer.find(pidFile, directory)).isEmpty();
    }

    @Test
    void aLiveProcessThatIsNoServerIsLeftAlone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Path pidFile = Files.writeString(directory.resolve("mariadbd.pid"), sleeper.pid() + "\n");
            assertThat(LeftoverServer.find(pidFile, directory)).isEmpty();
            assertThat(sleeper.isAlive()).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 0.2; done").start();
        try {
            Thread.sleep(300); // let the shell install its trap
            long started = System.nanoTime();
            LeftoverServer.stop(stubborn.toHandle(), Duration.ofMillis(500));
            // The Process learns of the exit through its own reaper, a moment after the handle's onExit completes.
            assertThat(stubborn.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(stubborn.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        } finally {
            stubborn.destroyForcibly();
        }
    }
}
