package dev.webhooks.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.adapters.persistence.GroupCommitEventLog;
import dev.webhooks.domain.port.EventLog;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Group commit of published events: concurrent publishes share one transaction. A committer waits at most
 * {@code groupWindow} after the first waiting publish for others, and takes about {@code groupMaxEvents} at most;
 * {@code committers} groups commit at the same time.
 */
public class IngestSettings {
    @MaxDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration groupWindow = Duration.milliseconds(2);
    @Min(1)
    @Max(10_000)
    private int groupMaxEvents = 1000;
    @Min(1)
    @Max(16)
    private int committers = 2;

    @JsonProperty
    public void setGroupWindow(Duration groupWindow) {
        this.groupWindow = groupWindow;
    }

    @JsonProperty
    public void setGroupMaxEvents(int groupMaxEvents) {
        this.groupMaxEvents = groupMaxEvents;
    }

    @JsonProperty
    public void setCommitters(int committers) {
        this.committers = committers;
    }

    GroupCommitEventLog groupCommit(EventLog eventLog, IntConsumer groupSizes) {
        return new GroupCommitEventLog(eventLog, groupWindow.toJavaDuration(), groupMaxEvents, committers, groupSizes);
    }
}
