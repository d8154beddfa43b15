package dev.webhooks.bootstrap;

import dev.webhooks.application.delivery.PurgeDeliveryHistory;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the retention purge at start and then every {@code interval}; a failed run is logged and the next one runs. */
final class RetentionWorker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionWorker.class);

    private final PurgeDeliveryHistory purge;
    private final Duration retention;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention");
        thread.setDaemon(true);
        return thread;
    });

    RetentionWorker(PurgeDeliveryHistory purge, Duration retention, Duration interval) {
        this.purge = purge;
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::run, 1, interval.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }

    private void run() {
        try {
            int deleted = purge.purgeOlderThan(retention);
            if (deleted > 0) {
                LOG.info("retention: deleted {} deliveries older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed; it runs again in {}: {}", interval, e.toString());
        }
    }
}
