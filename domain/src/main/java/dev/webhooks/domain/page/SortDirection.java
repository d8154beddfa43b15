package dev.webhooks.domain.page;

/** Ascending or descending order. */
public enum SortDirection {
    ASC, DESC;

    public SortDirection reversed() {
        return this == ASC ? DESC : ASC;
    }
}
