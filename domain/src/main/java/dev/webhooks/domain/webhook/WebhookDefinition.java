package dev.webhooks.domain.webhook;

import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.filter.Filter;
import dev.webhooks.domain.filter.FilterAttribute;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a client decides about a webhook. Validates what it can on its own; rules that need the event
 * catalog or the deployment's URL policy live in {@link WebhookRules}.
 */
public record WebhookDefinition(
        String name,
        String description,
        WebhookUrl url,
        Level level,
        String ownerId,
        List<String> eventTypes,
        Filter filter,
        HeaderMap headers,
        HeaderMap encryptedHeaders,
        Secret secret,
        boolean enabled,
        boolean enableCloudEventDelivery,
        boolean checkCertificateRevocation,
        Origin origin,
        DeliveryRate maxDeliveriesPerSecond,
        boolean orderedDelivery) {

    public static final int MAX_NAME_LENGTH = 512;
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_EVENT_TYPES = 100;
    public static final int MAX_OWNER_ID_LENGTH = 255;

    public WebhookDefinition {
        if (name == null || name.isBlank()) {
            throw InvalidInputException.field("name", "is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw InvalidInputException.field("name", "is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw InvalidInputException.field("description", "is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(level, "level");
        if (ownerId == null || ownerId.isBlank()) {
            throw InvalidInputException.field("ownerId", "is required");
        }
        if (ownerId.length() > MAX_OWNER_ID_LENGTH) {
            throw InvalidInputException.field("ownerId", "is longer than " + MAX_OWNER_ID_LENGTH + " characters");
        }
        eventTypes = distinct(eventTypes);
        headers = headers == null ? HeaderMap.EMPTY : headers;
        encryptedHeaders = encryptedHeaders == null ? HeaderMap.EMPTY : encryptedHeaders;
        Objects.requireNonNull(origin, "origin");
        checkDataStatusFilter(filter, eventTypes);
        checkNoHeaderInBothMaps(headers, encryptedHeaders);
    }

    public Optional<Filter> filterIfAny() {
        return Optional.ofNullable(filter);
    }

    public Optional<Secret> secretIfAny() {
        return Optional.ofNullable(secret);
    }

    /** The most attempts per second to start to this webhook; empty: no limit. */
    public Optional<DeliveryRate> rateLimit() {
        return Optional.ofNullable(maxDeliveriesPerSecond);
    }

    private static List<String> distinct(List<String> eventTypes) {
        if (eventTypes == null) {
            return List.of();
        }
        if (eventTypes.size() > MAX_EVENT_TYPES) {
            throw InvalidInputException.field("eventTypes", "has more than " + MAX_EVENT_TYPES + " entries");
        }
        if (eventTypes.stream().anyMatch(type -> type == null || type.isBlank())) {
            throw InvalidInputException.field("eventTypes", "may not contain empty entries");
        }
        return List.copyOf(new LinkedHashSet<>(eventTypes));
    }

    private static void checkDataStatusFilter(Filter filter, List<String> eventTypes) {
        boolean usesDataStatus = filter != null && filter.attributes().contains(FilterAttribute.DATA_STATUS);
        if (usesDataStatus && !eventTypes.equals(List.of(EventTypeCatalog.APP_RELOAD_FINISHED))) {
            throw new InvalidInputException(ErrorCode.INVALID_FILTER,
                    "'data.status' may only be used when eventTypes is exactly [\"" + EventTypeCatalog.APP_RELOAD_FINISHED + "\"]");
        }
    }

    private static void checkNoHeaderInBothMaps(HeaderMap headers, HeaderMap encryptedHeaders) {
        for (String name : encryptedHeaders.names()) {
            if (headers.names().stream().anyMatch(name::equalsIgnoreCase)) {
                throw InvalidInputException.field("encryptedHeaders", "repeats the header '" + name + "' that is also in 'headers'");
            }
        }
    }

    /** A copy with the given changes; used by PATCH and PUT to derive the next definition. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "WebhookDefinition[name=" + name + ", url=" + url + ", level=" + level + ", ownerId=" + ownerId
                + ", eventTypes=" + eventTypes + ", filter=" + filter + ", headers=" + headers
                + ", encryptedHeaders=" + encryptedHeaders + ", secret=" + (secret == null ? "none" : "***")
                + ", enabled=" + enabled + ", maxDeliveriesPerSecond=" + rateLimit().map(DeliveryRate::perSecond).orElse(null)
                + ", orderedDelivery=" + orderedDelivery + "]";
    }

    /** Mutable helper for deriving a definition; validation happens when {@link #build()} creates the record. */
    public static final class Builder {
        public String name;
        public String description;
        public WebhookUrl url;
        public Level level;
        public String ownerId;
        public List<String> eventTypes;
        public Filter filter;
        public HeaderMap headers;
        public HeaderMap encryptedHeaders;
        public Secret secret;
        public boolean enabled;
        public boolean enableCloudEventDelivery;
        public boolean checkCertificateRevocation;
        public Origin origin;
        public DeliveryRate maxDeliveriesPerSecond;
        public boolean orderedDelivery;

        public Builder() {
        }

        private Builder(WebhookDefinition d) {
            name = d.name;
            description = d.description;
            url = d.url;
            level = d.level;
            ownerId = d.ownerId;
            eventTypes = d.eventTypes;
            filter = d.filter;
            headers = d.headers;
            encryptedHeaders = d.encryptedHeaders;
            secret = d.secret;
            enabled = d.enabled;
            enableCloudEventDelivery = d.enableCloudEventDelivery;
            checkCertificateRevocation = d.checkCertificateRevocation;
            origin = d.origin;
            maxDeliveriesPerSecond = d.maxDeliveriesPerSecond;
            orderedDelivery = d.orderedDelivery;
        }

        public WebhookDefinition build() {
            return new WebhookDefinition(name, description, url, level, ownerId, eventTypes, filter, headers,
                    encryptedHeaders, secret, enabled, enableCloudEventDelivery, checkCertificateRevocation, origin,
                    maxDeliveriesPerSecond, orderedDelivery);
        }
    }
}
