package dev.webhooks.adapters.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sweeps HttpClient's connection pools: closes expired connections and those idle longer than {@code idleAfter}
 * every {@code interval}, and expired ones also after every {@code everyNewTargets} new targets. HttpCore's pool keeps
 * a (possibly empty) per-route pool for every route it ever leased a connection for and drops the empty ones only
 * when it closes idle or expired connections, so without sweeps it grows with the number of targets ever called.
 * HttpClient's own evictor is not used: it stops for good at its first exception.
 */
final class PoolSweeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PoolSweeper.class.getName());
    private final List<ConnPoolControl<?>> pools = new CopyOnWriteArrayList<>();
    private final TimeValue idleAfter;
    private final long everyNewTargets;
    private final AtomicLong newTargets = new AtomicLong();
    private final ScheduledExecutorService timer;

    PoolSweeper(Duration interval, Duration idleAfter, long everyNewTargets) {
        this.idleAfter = TimeValue.ofMilliseconds(idleAfter.toMillis());
        this.everyNewTargets = everyNewTargets;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-pool-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every 10 s, idle connections closed after 60 s, empty route pools dropped after every 1,000 new targets too. */
    static PoolSweeper standard() {
        return new PoolSweeper(Duration.ofSeconds(10), Duration.ofSeconds(60), 1_000);
    }

    /** Sweeps this pool from now on. */
    <P extends ConnPoolControl<?>> P watch(P pool) {
        pools.add(pool);
        return pool;
    }

    /**
     * A target was called for the first time (in a while): its route pool stays until the next sweep, so a burst of
     * new targets triggers one. Only expired connections are closed here, which is cheap enough for a sending thread.
     */
    void targetAdded() {
        if (newTargets.incrementAndGet() % everyNewTargets == 0) {
            pools.forEach(pool -> run(pool::closeExpired));
        }
    }

    void sweep() {
        for (ConnPoolControl<?> pool : pools) {
            run(pool::closeExpired);
            run(() -> pool.closeIdle(idleAfter));
        }
    }

    /** How many route pools the watched pools hold. */
    int routes() {
        return pools.stream().mapToInt(pool -> pool.getRoutes().size()).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A failed sweep must not cancel the later ones (a scheduled task that throws is never run again). */
    private static void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sweeping an HTTP connection pool failed; the next sweep tries again: " + e);
        }
    }
}
