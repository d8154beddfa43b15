package dev.webhooks.adapters.persistence;

import dev.webhooks.domain.event.CloudEvent;
import dev.webhooks.domain.port.EventLog;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for ingest: concurrent appends (single events and batches) are joined into one transaction of the
 * delegate, so that a commit, the costly part of a small publish, is shared by many requests. A committer takes the
 * first waiting append, waits at most {@code window} for more, stops at about {@code maxEvents} events, and appends
 * them all at once; each caller returns only after the group holding its events has committed.
 *
 * <p>When a group fails, its appends are retried one by one, so an append the database refuses fails alone and never
 * its neighbours; when the database is unavailable (connection lost, pool empty, statement timed out) every append
 * of the group fails with that, as each would alone, and so do the appends waiting for a committer. A repeat of an event inside one group is a repeat as it would be
 * across groups: the delegate stores the first and reports the others as repeats.
 */
public final class GroupCommitEventLog implements EventLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitEventLog.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private final EventLog delegate;
    private final Duration window;
    private final int maxEvents;
    private final IntConsumer groupSizes;
    private final BlockingQueue<Append> waiting = new LinkedBlockingQueue<>();
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    /** {@code groupSizes} is told the number of events of each group committed, e.g. for a histogram. */
    public GroupCommitEventLog(EventLog delegate, Duration window, int maxEvents, int committers, IntConsumer groupSizes) {
        if (window.isNegative() || maxEvents < 1 || committers < 1) {
            throw new IllegalArgumentException("group commit needs a window >= 0, maxEvents >= 1 and committers >= 1");
        }
        this.delegate = delegate;
        this.window = window;
        this.maxEvents = maxEvents;
        this.groupSizes = groupSizes;
        for (int i = 0; i < committers; i++) {
            Thread committer = new Thread(this::commitGroups, "ingest-committer-" + i);
            committer.setDaemon(true);
            this.committers.add(committer);
            committer.start();
        }
    }

    private record Append(List<CloudEvent> events, FanOut fanOut, CompletableFuture<List<Boolean>> result) {
    }

    @Override
    public List<Boolean> append(List<CloudEvent> events, FanOut fanOut) {
        Append append = new Append(events, fanOut, new CompletableFuture<>());
        closing.readLock().lock();
        try {
            if (closed) {
                return delegate.append(events, fanOut);
            }
            waiting.add(append);
        } finally {
            closing.readLock().unlock();
        }
        return await(append.result());
    }

    /** Commits what is still waiting, then stops the committers; later appends commit on their own. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        for (Thread committer : committers) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commitGroups() {
        while (!(closed && waiting.isEmpty())) {
            try {
                Append first = waiting.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    commit(gatherAfter(first));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("an ingest committer failed outside any append", e);
            }
        }
    }

    private List<Append> gatherAfter(Append first) throws InterruptedException {
        List<Append> group = new ArrayList<>();
        group.add(first);
        int events = first.events().size();
        long deadline = System.nanoTime() + window.toNanos();
        while (events < maxEvents) {
            Append next = waiting.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            group.add(next);
            events += next.events().size();
        }
        return group;
    }

    private void commit(List<Append> group) {
        if (group.size() == 1) {
            commitAlone(group.get(0));
            return;
        }
        List<Boolean> fresh;
        try {
            List<CloudEvent> events = eventsOf(group);
            fresh = delegate.append(events, fanOutOf(group));
            groupSizes.accept(events.size());
        } catch (RuntimeException e) {
            if (isUnavailability(e)) {
                group.forEach(append -> append.result().completeExceptionally(e));
                failWaiting(e);
            } else {
                group.forEach(this::commitAlone);
            }
            return;
        }
        int offset = 0;
        for (Append append : group) {
            append.result().complete(List.copyOf(fresh.subList(offset, offset + append.events().size())));
            offset += append.events().size();
        }
    }

    private void commitAlone(Append append) {
        try {
            append.result().complete(delegate.append(append.events(), append.fanOut()));
            groupSizes.accept(append.events().size());
        } catch (RuntimeException e) {
            append.result().completeExceptionally(e);
            if (isUnavailability(e)) {
                failWaiting(e);
            }
        }
    }

    /**
     * When the database is unavailable, the appends that queued up meanwhile fail with it at once: otherwise each would
     * wait for the failing group and then for a failure of its own, and a database that hangs would keep producers
     * waiting twice the time the pool and socket timeouts promise.
     */
    private void failWaiting(RuntimeException unavailability) {
        List<Append> queued = new ArrayList<>();
        waiting.drainTo(queued);
        queued.forEach(append -> append.result().completeExceptionally(unavailability));
    }

    private static List<CloudEvent> eventsOf(List<Append> group) {
        List<CloudEvent> events = new ArrayList<>();
        group.forEach(append -> events.addAll(append.events()));
        return events;
    }

    /** Each event is fanned out by its own request's fan-out (its time, its trace context). */
    private static FanOut fanOutOf(List<Append> group) {
        Map<CloudEvent, FanOut> owners = new IdentityHashMap<>();
        group.forEach(append -> append.events().forEach(event -> owners.put(event, append.fanOut())));
        return (event, subscribed) -> owners.get(event).deliveriesFor(event, subscribed);
    }

    private static boolean isUnavailability(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static List<Boolean> await(CompletableFuture<List<Boolean>> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the events' commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the events' commit failed", e.getCause());
        }
    }
}
