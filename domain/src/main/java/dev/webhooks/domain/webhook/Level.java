package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.util.Arrays;

/** Whether a webhook receives every event of its tenant or only the events that concern its owner. */
public enum Level {
    TENANT("tenant"),
    USER("user");

    private final String wireName;

    Level(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Level fromWireName(String field, String value) {
        return Arrays.stream(values())
                .filter(level -> level.wireName.equals(value))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.field(field, "must be one of: tenant, user"));
    }
}
