package dev.webhooks.application.event;

import dev.webhooks.domain.AccessDeniedException;
import dev.webhooks.domain.ErrorCode;
import dev.webhooks.domain.InvalidInputException;
import dev.webhooks.domain.access.Caller;
import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.EventLog;
import dev.webhooks.domain.webhook.EventTypeCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepts events from producers: stores each with one delivery per matching webhook in a single transaction, so
 * an accepted event is never lost; a repeat of the same (tenant, source, id) is accepted again and delivers nothing.
 * Services embedding the domain call {@link #publish(List)} in-process.
 */
public final class PublishEvent {
    private final EventLog eventLog;
    private final EventMatcher matcher;
    private final Clock clock;
    private final int maxBatch;

    public PublishEvent(EventLog eventLog, EventMatcher matcher, Clock clock, int maxBatch) {
        this.eventLog = eventLog;
        this.matcher = matcher;
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    /**
     * Publishes on behalf of an API caller (EventPublisher into any tenant, TenantAdmin into its own), under the W3C
     * trace context of the request if it had one.
     */
    public List<Boolean> publish(Caller caller, List<CloudEvent> events, Optional<String> traceparent) {
        events.forEach(event -> checkMayPublish(caller, event));
        return publish(events, traceparent);
    }

    /** Publishes trusted events (in-process producers); all or nothing. */
    public List<Boolean> publish(List<CloudEvent> events) {
        return publish(events, Optional.empty());
    }

    private List<Boolean> publish(List<CloudEvent> events, Optional<String> traceparent) {
        if (events.isEmpty() || events.size() > maxBatch) {
            throw new InvalidInputException(ErrorCode.INVALID_EVENT, "a batch holds 1 to " + maxBatch + " events");
        }
        events.forEach(PublishEvent::checkStorable);
        Instant now = clock.instant();
        List<CloudEvent> stamped = events.stream().map(event -> event.withTimeIfAbsent(now)).toList();
        return eventLog.append(stamped, (event, subscribed) -> matcher.fanOut(event, subscribed, now, traceparent));
    }

    private static void checkStorable(CloudEvent event) {
        checkLength("type", event.type(), 255);
        checkLength("tenantid", event.tenantId(), 255);
        checkLength("id", event.id(), 1024);
        checkLength("source", event.source(), 1024);
    }

    private static void checkLength(String attribute, String value, int max) {
        if (value.length() > max) {
            throw new InvalidInputException(ErrorCode.INVALID_EVENT, "attribute '" + attribute + "' is longer than " + max + " characters");
        }
    }

    private static void checkMayPublish(Caller caller, CloudEvent event) {
        if (EventTypeCatalog.isServiceType(event.type())) {
            throw new InvalidInputException(ErrorCode.INVALID_EVENT, "type '" + event.type()
                    + "' is reserved for the events this service publishes itself");
        }
        if (caller.hasRole(Caller.EVENT_PUBLISHER)) {
            return;
        }
        if (caller.isTenantAdmin() && caller.tenantId().equals(event.tenantId())) {
            return;
        }
        throw new AccessDeniedException(ErrorCode.FORBIDDEN,
                "publishing needs the EventPublisher role, or TenantAdmin for events of your own tenant");
    }
}
