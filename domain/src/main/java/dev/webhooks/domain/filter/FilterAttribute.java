package dev.webhooks.domain.filter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An attribute a webhook filter can test; names are case-insensitive as in SCIM. */
public enum FilterAttribute {
    ID("id"),
    SPACE_ID("spaceId"),
    TOP_LEVEL_RESOURCE_ID("topLevelResourceId"),
    DATA_STATUS("data.status");

    private final String attributeName;

    FilterAttribute(String attributeName) {
        this.attributeName = attributeName;
    }

    public String attributeName() {
        return attributeName;
    }

    public static Optional<FilterAttribute> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.attributeName.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
