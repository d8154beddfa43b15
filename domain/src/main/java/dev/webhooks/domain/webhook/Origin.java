package dev.webhooks.domain.webhook;

import dev.webhooks.domain.InvalidInputException;
import java.util.Arrays;

/** Where a webhook was created from. */
public enum Origin {
    API("api"),
    AUTOMATIONS("automations"),
    MANAGEMENT_CONSOLE("management-console");

    private final String wireName;

    Origin(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Origin fromWireName(String field, String value) {
        return Arrays.stream(values())
                .filter(origin -> origin.wireName.equals(value))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.field(field, "must be one of: api, automations, management-console"));
    }
}
