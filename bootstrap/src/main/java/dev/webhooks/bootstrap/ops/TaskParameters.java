package dev.webhooks.bootstrap.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to a task's query parameters, with errors that name the parameter. */
final class TaskParameters {
    private final Map<String, List<String>> values;

    TaskParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    Optional<String> text(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() || list.get(0).isBlank() ? Optional.empty() : Optional.of(list.get(0).trim());
    }

    String required(String name) {
        return text(name).orElseThrow(() -> new IllegalArgumentException("parameter '" + name + "' is required"));
    }

    Optional<Instant> instant(String name) {
        try {
            return text(name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    /** A duration such as 90s, 30m, 12h or 7d. */
    Optional<Duration> duration(String name) {
        return text(name).map(text -> {
            if (!text.matches("\\d+[smhd]")) {
                throw new IllegalArgumentException("parameter '" + name + "' must look like 90s, 30m, 12h or 7d");
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        });
    }
}
