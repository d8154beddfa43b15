package dev.webhooks.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of a resilience run, printed and written to {@code ${resilience.reports}/<name>.txt}. */
final class Figures {
    private final String name;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Figures(String name) {
        this.name = name;
    }

    Figures put(String label, Object value) {
        values.put(label, value instanceof Duration duration ? seconds(duration) : value);
        return this;
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Prints the figures and writes them to the reports directory; returns the text. */
    String report() throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((label, value) -> text.append(label).append(": ").append(value).append('\n'));
        Path reports = Path.of(System.getProperty("resilience.reports", "target/resilience"));
        Files.createDirectories(reports);
        Files.writeString(reports.resolve(name + ".txt"), text);
        System.out.print("--- " + name + " ---\n" + text);
        return text.toString();
    }
}
