package dev.webhooks.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the figures of a resilience test under {@code resilience.reports} (target/resilience by default) and to stdout. */
final class Reports {
    private Reports() {
    }

    static Path write(String fileName, String text) {
        Path directory = Path.of(System.getProperty("resilience.reports", "target/resilience"));
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(fileName);
            Files.writeString(file, text);
            System.out.println("---- " + file.toAbsolutePath() + "\n" + text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
