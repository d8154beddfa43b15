package dev.webhooks.domain.filter;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A parsed webhook filter: a SCIM (RFC 7644) subset with attributes {@code id}, {@code spaceId},
 * {@code topLevelResourceId} and {@code data.status}, operators {@code eq}/{@code ne}, {@code and} binding
 * tighter than {@code or}, parentheses and JSON string values. Immutable and thread-safe.
 */
public final class Filter {
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 64;

    private final String text;
    private final FilterNode root;
    private final Set<FilterAttribute> attributes;

    private Filter(String text, FilterNode root, Set<FilterAttribute> attributes) {
        this.text = text;
        this.root = root;
        this.attributes = Collections.unmodifiableSet(attributes);
    }

    /** Parses filter text; throws {@link FilterSyntaxException} saying what is wrong and where. */
    public static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FilterSyntaxException("filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterSyntaxException("filter is longer than " + MAX_LENGTH + " characters");
        }
        Set<FilterAttribute> used = EnumSet.noneOf(FilterAttribute.class);
        FilterNode root = new FilterParser(text, used).parse();
        return new Filter(text, root, used);
    }

    public String text() {
        return text;
    }

    public Set<FilterAttribute> attributes() {
        return attributes;
    }

    public boolean matches(FilterSubject subject) {
        return root.matches(subject);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter filter && filter.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
