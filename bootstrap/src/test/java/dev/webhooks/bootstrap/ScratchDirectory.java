package dev.webhooks.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh directory under target/ for a test's database files and logs. A test deletes it once it passed (hundreds
 * of megabytes of MariaDB files); a failed test leaves it for diagnosis.
 */
final class ScratchDirectory {
    private ScratchDirectory() {
    }

    static Path create(String prefix) {
        try {
            return Files.createDirectories(Path.of("target", prefix + UUID.randomUUID()).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
