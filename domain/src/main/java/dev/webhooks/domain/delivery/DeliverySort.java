package dev.webhooks.domain.delivery;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.page.SortDirection;

/** The order of a delivery list: by status or by triggeredAt, either way; ties broken by id. */
public record DeliverySort(Field field, SortDirection direction) {
    public static final DeliverySort DEFAULT = new DeliverySort(Field.TRIGGERED_AT, SortDirection.DESC);

    /** A sortable field and its name in the API. */
    public enum Field {
        STATUS("status"), TRIGGERED_AT("triggeredAt");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }
    }

    public static DeliverySort parse(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT;
        }
        String normalized = text.startsWith(" ") ? "+" + text.substring(1) : text;
        SortDirection direction = normalized.startsWith("-") ? SortDirection.DESC : SortDirection.ASC;
        String name = normalized.startsWith("-") || normalized.startsWith("+") ? normalized.substring(1) : normalized;
        for (Field field : Field.values()) {
            if (field.wireName.equals(name)) {
                return new DeliverySort(field, direction);
            }
        }
        throw new InvalidInputException(ErrorCode.INVALID_QUERY_PARAMETER,
                "'sort' must be one of status, triggeredAt, optionally prefixed with + or -");
    }

    public String wireName() {
        return (direction == SortDirection.DESC ? "-" : "+") + field.wireName;
    }
}
