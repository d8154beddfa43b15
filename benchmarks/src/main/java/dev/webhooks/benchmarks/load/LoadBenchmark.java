package dev.webhooks.benchmarks.load;

import java.time.Duration;

/**
 * The end-to-end load benchmark: the real service on a fresh embedded MariaDB, a fast local receiver, events
 * published through the API; then, on the same machine, the raw HTTP and raw storage limits the service is bounded
 * by. Run: {@code java -cp benchmarks/target/benchmarks.jar dev.webhooks.benchmarks.load.LoadBenchmark [--events=50000
 * --rate=0 --tenants=2 --matching=2 --others=10 --batch=100 --publishers=4 --backlog=0 --limits=true]}.
 */
public final class LoadBenchmark {
    private static final int RAW_STORAGE_DELIVERIES = 100_000;

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

    private static void endToEnd(LoadOptions options, BenchDatabase database, BenchReceiver receiver) throws Exception {
        EndToEndRun.Figures run;
        java.util.List<String> webhookIds;
        int maxInFlight;
        try (BenchService service = new BenchService(options, database)) {
            service.createWebhooks(options, receiver);
            webhookIds = service.webhookIds();
            maxInFlight = service.maxInFlight();
            run = new EndToEndRun(options).run(service, receiver);
        }
        System.out.printf("service: %d events accepted (%d refused), %d deliveries in %.1f s (publishing took %.1f s)%n",
                run.accepted(), run.rejected(), run.expected(), run.seconds(), run.publishSeconds());
        System.out.printf("service: %.0f deliveries/s sustained, %d duplicates; publish-to-arrival %s%n",
                run.deliveriesPerSecond(), run.duplicates(), run.latencies().summary());
        System.out.printf("service: publish request (POST to 202) %s%n", run.publishRequests().summary());
        if (options.limits()) {
            limits(database, receiver, webhookIds, options.matching(), maxInFlight, run.deliveriesPerSecond());
        }
    }

    private static void limits(BenchDatabase database, BenchReceiver receiver, java.util.List<String> webhookIds,
                               int matching, int maxInFlight, double service) throws Exception {
        BenchReceiver.Sample sample = receiver.sample();
        double http = RawHttpLimit.measure(receiver, sample, maxInFlight, Duration.ofSeconds(3), Duration.ofSeconds(10));
        System.out.printf("raw HTTP limit H: %.0f deliveries/s (%d concurrent, same client, body and headers)%n", http, maxInFlight);
        double storage = new RawStorageLimit(database, webhookIds, matching,
                new String(sample.body(), java.nio.charset.StandardCharsets.UTF_8)).measure(RAW_STORAGE_DELIVERIES, 4);
        System.out.printf("raw storage limit S: %.0f deliveries/s (insert + claim + record, batches of 500, 4 connections)%n", storage);
        double combined = 1 / (1 / http + 1 / storage);
        System.out.printf("combined limit L = 1/(1/H + 1/S): %.0f deliveries/s; service at %.0f %% of L%n",
                combined, 100 * service / combined);
    }

    private static void drainBacklog(LoadOptions options, BenchDatabase database, BenchReceiver receiver) throws Exception {
        try (BenchService service = new BenchService(options, database)) {
            service.createWebhooks(options, receiver);
            BacklogDrain.Figures drain = new BacklogDrain(options.backlog(), options.matching()).run(service, database, receiver);
            System.out.printf("backlog: %d due deliveries inserted in %.1f s, drained in %.1f s: %.0f deliveries/s, %d arrived,"
                            + " %d duplicates%n", drain.deliveries(), drain.insertSeconds(), drain.drainSeconds(),
                    drain.deliveriesPerSecond(), drain.arrived(), drain.duplicates());
            System.out.printf("backlog: heap used at most %d MB (garbage included) of %d MB max%n",
                    drain.peakHeapBytes() >> 20, drain.maxHeapBytes() >> 20);
        }
    }
}
