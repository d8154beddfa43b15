package dev.webhooks.application.event;

import dev.webhooks.domain.delivery.EventMatcher;
import dev.webhooks.domain.port.EventLog;
import java.time.Clock;

/** Announcers for use-case tests: one that stores nothing, or one on a given event log. */
public final class Announcements {
    private Announcements() {
    }

    public static AnnounceWebhookStatus discarded() {
        return into((events, fanOut) -> events.stream().map(event -> true).toList(), Clock.systemUTC());
    }

    public static AnnounceWebhookStatus into(EventLog eventLog, Clock clock) {
        return new AnnounceWebhookStatus(new PublishEvent(eventLog, new EventMatcher(), clock, 100), clock);
    }
}
