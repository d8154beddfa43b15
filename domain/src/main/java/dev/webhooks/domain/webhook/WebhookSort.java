package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.page.SortDirection;

/** The order of a webhook list: one of name, url, createdAt, updatedAt, each either way; ties broken by id. */
public record WebhookSort(Field field, SortDirection direction) {
    public static final WebhookSort DEFAULT = new WebhookSort(Field.CREATED_AT, SortDirection.DESC);

    /** A sortable field and its name in the API. */
    public enum Field {
        NAME("name"), URL("url"), CREATED_AT("createdAt"), UPDATED_AT("updatedAt");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Parses {@code name}, {@code +name} or {@code -name} style values. */
    public static WebhookSort parse(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT;
        }
        if (text.startsWith(" ")) {
            text = "+" + text.substring(1); // an unencoded '+' in a query string arrives as a space
        }
        SortDirection direction = text.startsWith("-") ? SortDirection.DESC : SortDirection.ASC;
        String name = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        for (Field field : Field.values()) {
            if (field.wireName.equals(name)) {
                return new WebhookSort(field, direction);
            }
        }
        throw new InvalidInputException(ErrorCode.INVALID_QUERY_PARAMETER,
                "'sort' must be one of name, url, createdAt, updatedAt, optionally prefixed with + or -");
    }

    public String wireName() {
        return (direction == SortDirection.DESC ? "-" : "+") + field.wireName;
    }
}
