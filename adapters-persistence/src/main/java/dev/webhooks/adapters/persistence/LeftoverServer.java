package dev.webhooks.adapters.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server still running on a data directory whose owner is gone. When the JVM that started the embedded
 * server is killed ({@code kill -9}), its {@code mariadbd} child lives on as an orphan and keeps the data files
 * locked, so no new server could start there. The server's pid file in the data directory names it.
 */
final class LeftoverServer {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Set<String> SERVER_EXECUTABLES = Set.of("mariadbd", "mysqld");

    private LeftoverServer() {
    }

    /**
     * The live process the pid file names, if it is a MariaDB server on this data directory: a stale pid file, or one
     * whose pid now belongs to another program, names nothing.
     */
    static Optional<ProcessHandle> find(Path pidFile, Path dataDirectory) {
        return readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(process -> isServerOn(process, dataDirectory.toAbsolutePath().normalize()));
    }

    /** Asks the server to shut down (SIGTERM) and waits; kills it if it has not exited after {@code grace}. */
    static void stop(ProcessHandle server, Duration grace) {
        LOG.warn("a MariaDB server (pid {}) from an earlier run still holds this data directory; stopping it", server.pid());
        server.destroy();
        if (awaitExit(server, grace)) {
            LOG.info("the leftover MariaDB server (pid {}) shut down", server.pid());
            return;
        }
        LOG.warn("the leftover MariaDB server (pid {}) did not shut down within {}; killing it", server.pid(), grace);
        server.destroyForcibly();
        if (!awaitExit(server, grace)) {
            throw new IllegalStateException("cannot stop the MariaDB server (pid " + server.pid()
                    + ") that holds the data directory");
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            LOG.warn("ignoring unreadable pid file {}: {}", pidFile, unreadable.toString());
            return Optional.empty();
        }
    }

    private static boolean isServerOn(ProcessHandle process, Path dataDirectory) {
        if (!process.isAlive()) {
            return false;
        }
        ProcessHandle.Info info = process.info();
        boolean server = info.command().map(command -> Path.of(command).getFileName().toString())
                .filter(SERVER_EXECUTABLES::contains).isPresent();
        boolean onDirectory = info.arguments().stream().flatMap(Arrays::stream)
                .anyMatch(argument -> namesDirectory(argument, dataDirectory));
        if (!server || !onDirectory) {
            LOG.info("pid {} of the pid file is no MariaDB server on {}; leaving it alone", process.pid(), dataDirectory);
        }
        return server && onDirectory;
    }

    private static boolean namesDirectory(String argument, Path dataDirectory) {
        String option = "--datadir=";
        return argument.startsWith(option)
                && Path.of(argument.substring(option.length())).toAbsolutePath().normalize().equals(dataDirectory);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for pid " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid() + " to exit", e);
        }
    }
}
