package dev.webhooks.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a separate process, {@code java -jar webhooks.jar server config.yml} with {@code -Ddw.}
 * overrides, its output in a log file. Every process it spawned (the embedded MariaDB) is remembered, so that
 * {@link #close()} leaves nothing running, not even a server orphaned by {@link #kill()}.
 */
final class ServiceProcess implements AutoCloseable {
    private final Path jar;
    private final Path config;
    private final List<String> overrides;
    private final Set<ProcessHandle> spawned = ConcurrentHashMap.newKeySet();
    private final int port = freePort();
    private final int adminPort = freePort();
    private Process process;

    ServiceProcess(Path jar, Path config, List<String> overrides) {
        this.jar = jar;
        this.config = config;
        this.overrides = overrides;
    }

    /** The packaged service (the build's {@code webhooks.jar}) with the shipped config.yml and these overrides. */
    static ServiceProcess packaged(List<String> overrides) {
        return new ServiceProcess(Path.of(System.getProperty("webhooks.jar", "target/webhooks.jar")).toAbsolutePath(),
                Path.of("..", "config.yml").toAbsolutePath(), overrides);
    }

    /**
     * The overrides for delivering to the tests' receivers on 127.0.0.1 quickly: tokens signed with {@code jwtSecret},
     * plain HTTP to loopback, no API rate limits, a 1 s attempt timeout, an 8 s lease (about the shortest the
     * configuration allows with that timeout) and a 100 ms poll; then {@code more}.
     */
    static List<String> deliveringLocally(String jwtSecret, String... more) {
        List<String> overrides = new ArrayList<>(List.of(more));
        overrides.addAll(List.of("auth.hmacSecret=" + jwtSecret, "allowHttp=true", "allowedTargetCidrs=127.0.0.0/8",
                "rateLimits.enabled=false", "delivery.attemptTimeout=1s", "delivery.lease=8s", "delivery.pollInterval=100ms"));
        return overrides;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** Starts the service (on the same ports every time) and waits until it answers. */
    void start(Path log, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Ddw.server.applicationConnectors[0].port=" + port, "-Ddw.server.adminConnectors[0].port=" + adminPort));
        overrides.forEach(override -> command.add("-Ddw." + override));
        command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DATABASE_URL"); // the embedded database, whatever the caller's environment says
        process = builder.start();
        awaitAnswer(timeout, log);
        rememberChildren();
    }

    private void awaitAnswer(Duration timeout, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(adminUrl() + "/ping")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not answer within " + timeout + "; see " + log);
    }

    private void rememberChildren() {
        process.descendants().forEach(spawned::add);
    }

    /** SIGKILL for the service's JVM only: what it spawned lives on, as after a real crash. */
    void kill() throws InterruptedException {
        rememberChildren();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the service shuts down as it does in production. */
    void stop(Duration timeout) throws InterruptedException {
        rememberChildren();
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service did not stop within " + timeout);
        }
    }

    /** Whatever the service spawned that is still running. */
    List<ProcessHandle> survivors() {
        return spawned.stream().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public void close() {
        if (process != null) {
            rememberChildren();
            process.destroyForcibly();
        }
        spawned.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
