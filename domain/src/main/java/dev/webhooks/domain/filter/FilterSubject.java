package dev.webhooks.domain.filter;

/** Something a filter can be evaluated against, such as an event. */
public interface FilterSubject {
    /** The subject's value of the attribute, or null when it has none. */
    String attributeValue(FilterAttribute attribute);
}
