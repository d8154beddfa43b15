package dev.webhooks.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The end-to-end load benchmark: the real service on a fresh embedded MariaDB, a fast local receiver, events
 * published through the API (optionally over a week of delivery history, part of it purged meanwhile); then, on the
 * same machine, the raw HTTP and storage limits the service is bounded by. Run: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.webhooks.benchmarks.load.LoadBenchmark [--events=50000 --rate=0 --tenants=2
 * --matching=2 --others=10 --batch=100 --publishers=4 --backlog=0 --history=0 --purge-during=false --limits=true]}.
 */
public final class LoadBenchmark {
    private static final int MAX_STORAGE_LIMIT_DELIVERIES = 100_000;
    private static final int MIN_STORAGE_LIMIT_DELIVERIES = 5_000;
    /** The history's oldest day: the retention purge of a service whose retention is a day shorter than the history. */
    private static final String OLDEST_DAY = (HistoryLoad.RETENTION.toDays() - 1) + "d";

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        System.out.printf("machine: %d cores, %s, JVM max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1 << 20));
        System.out.println("run: " + options);
        try (BenchDatabase database = BenchDatabase.start(options); BenchReceiver receiver = new BenchReceiver()) {
            if (options.backlog() > 0) {
                drainBacklog(options, database, receiver);
            } else {
                endToEnd(options, database, receiver);
            }
        }
        System.exit(0);
    }

    /** The service with the run's webhooks, and the history loaded when asked for. */
    private static BenchService start(LoadOptions options, BenchDatabase database, BenchReceiver receiver) throws Exception {
        BenchService service = new BenchService(options, database);
        service.createWebhooks(options, receiver);
        if (options.history() > 0) {
            HistoryLoad.Figures history = new HistoryLoad(database, service.webhookIds(), options.matching()).load(options.history());
            System.out.printf("history: %d delivered deliveries with %d events over the past %d days loaded in %.1f s:"
                            + " %.0f deliveries/s, %.0f rows/s (4 connections, multi-row inserts)%n", history.deliveries(),
                    history.events(), HistoryLoad.RETENTION.toDays(), history.seconds(), history.deliveriesPerSecond(),
                    history.rowsPerSecond());
        }
        return service;
    }

    private static void endToEnd(LoadOptions options, BenchDatabase database, BenchReceiver receiver) throws Exception {
        EndToEndRun.Figures run;
        List<String> webhookIds;
        int maxInFlight;
        try (BenchService service = start(options, database, receiver)) {
            webhookIds = service.webhookIds();
            maxInFlight = service.maxInFlight();
            Optional<EndToEndRun.SideTask> purge = options.purgeDuring()
                    ? Optional.of(() -> service.purgeDeliveries(OLDEST_DAY)) : Optional.empty();
            run = new EndToEndRun(options).run(service, receiver, purge);
        }
        report(options, run);
        if (options.limits()) {
            limits(options, database, receiver, webhookIds, maxInFlight, run.deliveriesPerSecond());
        }
    }

    private static void report(LoadOptions options, EndToEndRun.Figures run) {
        System.out.printf("publishing: %d events accepted (%d refused) in %.1f s: %.0f events/s accepted (%d per POST,"
                        + " %d publishers)%n", run.accepted(), run.rejected(), run.publishSeconds(), run.acceptedPerSecond(),
                options.batch(), options.publishers());
        System.out.printf("publishing: POST to 202 %s (%d requests after the warm-up)%n", run.publishRequests().summary(),
                run.publishRequests().count());
        System.out.printf("delivery: %d deliveries in %.1f s: %.0f deliveries/s sustained, %d duplicates%n",
                run.expected(), run.seconds(), run.deliveriesPerSecond(), run.duplicates());
        System.out.printf("delivery: publish-to-arrival %s (%d deliveries after the warm-up)%n", run.latencies().summary(),
                run.latencies().count());
        run.side().ifPresent(purge -> System.out.printf("purge: oldest day of the history (POST /tasks/purge-deliveries"
                        + "?olderThan=%s) took %.1f s, answered %s; publish-to-arrival p99 %.1f ms of the %d deliveries of events"
                        + " published meanwhile (p99 %.1f ms overall)%n", OLDEST_DAY, purge.seconds(), purge.outcome(),
                purge.latencies().percentileMillis(99), purge.latencies().count(), run.latencies().percentileMillis(99)));
    }

    private static void limits(LoadOptions options, BenchDatabase database, BenchReceiver receiver, List<String> webhookIds,
                               int maxInFlight, double service) throws Exception {
        BenchReceiver.Sample sample = receiver.sample();
        double http = RawHttpLimit.measure(receiver, sample, maxInFlight, Duration.ofSeconds(3), Duration.ofSeconds(10));
        System.out.printf("raw HTTP limit H: %.0f deliveries/s (%d concurrent, same client, body and headers)%n", http, maxInFlight);
        String body = new String(sample.body(), StandardCharsets.UTF_8);
        int deliveries = Math.min(MAX_STORAGE_LIMIT_DELIVERIES, Math.max(MIN_STORAGE_LIMIT_DELIVERIES, options.deliveries()));
        double storage = new RawStorageLimit(database, webhookIds, options.matching(), body).measure(deliveries);
        System.out.printf("raw storage limit S: %.0f deliveries/s (the store's statements: event and delivery rows, claim,"
                + " record; %s)%n", storage, batches(deliveries));
        double minimal = new MinimalStorageLimit(database, options.matching(), body).measure(deliveries);
        System.out.printf("minimal storage limit S_min: %.0f deliveries/s (scratch schema: a row per event with its body,"
                + " an insert and an update per delivery; %s)%n", minimal, batches(deliveries));
        double combined = 1 / (1 / http + 1 / storage);
        double combinedMinimal = 1 / (1 / http + 1 / minimal);
        System.out.printf("combined limits: L = 1/(1/H + 1/S) = %.0f deliveries/s, L_min = 1/(1/H + 1/S_min) = %.0f"
                + " deliveries/s%n", combined, combinedMinimal);
        System.out.printf("service: %.0f deliveries/s = %.0f %% of L, %.0f %% of L_min%n", service, 100 * service / combined,
                100 * service / combinedMinimal);
    }

    private static String batches(int deliveries) {
        return String.format("%d deliveries in batches of %d, %d connections", deliveries, BatchedConnections.BATCH,
                BatchedConnections.CONNECTIONS);
    }

    private static void drainBacklog(LoadOptions options, BenchDatabase database, BenchReceiver receiver) throws Exception {
        try (BenchService service = start(options, database, receiver)) {
            BacklogDrain.Figures drain = new BacklogDrain(options.backlog(), options.matching()).run(service, database, receiver);
            System.out.printf("backlog: %d due deliveries inserted in %.1f s, drained in %.1f s: %.0f deliveries/s, %d arrived,"
                            + " %d duplicates%n", drain.deliveries(), drain.insertSeconds(), drain.drainSeconds(),
                    drain.deliveriesPerSecond(), drain.arrived(), drain.duplicates());
            System.out.printf("backlog: heap used at most %d MB (garbage included) of %d MB max%n",
                    drain.peakHeapBytes() >> 20, drain.maxHeapBytes() >> 20);
        }
    }
}
