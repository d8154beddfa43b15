package dev.webhooks.bootstrap.ops;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.EventLog;
import java.util.List;

/** Counts accepted events ({@code events.ingested}, {@code events.duplicates}) on their way into the event log. */
public final class MeteredEventLog implements EventLog {
    private final EventLog log;
    private final Meter ingested;
    private final Meter duplicates;

    public MeteredEventLog(EventLog log, MetricRegistry metrics) {
        this.log = log;
        this.ingested = metrics.meter("events.ingested");
        this.duplicates = metrics.meter("events.duplicates");
    }

    @Override
    public List<Boolean> append(List<CloudEvent> events, FanOut fanOut) {
        List<Boolean> fresh = log.append(events, fanOut);
        long repeats = fresh.stream().filter(isNew -> !isNew).count();
        ingested.mark(fresh.size() - repeats);
        duplicates.mark(repeats);
        return fresh;
    }
}
