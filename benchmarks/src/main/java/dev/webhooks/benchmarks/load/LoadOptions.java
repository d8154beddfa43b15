package dev.webhooks.benchmarks.load;

import java.util.HashMap;
import java.util.Map;

/**
 * What to run, from {@code --name=value} arguments.
 *
 * @param events        events to publish
 * @param tenants       tenants the events and webhooks are spread over
 * @param matching      webhooks per tenant subscribed to the published type (deliveries per event)
 * @param others        webhooks per tenant subscribed to another type (matching must ignore them)
 * @param rate          events per second to publish at, or 0 for as fast as possible
 * @param batch         events per POST (1 sends application/cloudevents+json, more a batch)
 * @param publishers    concurrent publishing connections
 * @param warmUp        the first events, published like the rest but left out of the latency figures (JIT, pools)
 * @param backlog       when above 0: instead of publishing, drain this many due deliveries inserted up front
 * @param history       delivered deliveries (with their events) loaded over the past 7 days before the run
 * @param purgeDuring   whether to purge the history's oldest day through the service while the events are published
 * @param ordered       whether the matching webhooks deliver in order (one at a time each, the extension field)
 * @param limits        whether to measure the raw HTTP and raw storage limits after the run
 * @param config        the service's configuration file
 * @param databaseUrl   an external database to use instead of a fresh embedded MariaDB
 */
record LoadOptions(int events, int tenants, int matching, int others, int rate, int batch, int publishers, int warmUp, int backlog,
                   int history, boolean purgeDuring, boolean ordered, boolean limits, String config, String databaseUrl, String databaseUser,
                   String databasePassword) {
    private static final java.util.Set<String> NAMES = java.util.Set.of("events", "tenants", "matching", "others", "rate",
            "batch", "publishers", "warmup", "backlog", "history", "purge-during", "ordered", "limits", "config", "database-url",
            "database-user", "database-password");

    static LoadOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments look like --events=50000, not " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int rate = Integer.parseInt(given.getOrDefault("rate", "0"));
        int events = Integer.parseInt(given.getOrDefault("events", "50000"));
        LoadOptions options = new LoadOptions(
                events,
                Integer.parseInt(given.getOrDefault("tenants", "2")),
                Integer.parseInt(given.getOrDefault("matching", "2")),
                Integer.parseInt(given.getOrDefault("others", "10")),
                rate,
                Integer.parseInt(given.getOrDefault("batch", rate > 0 ? "1" : "100")),
                Integer.parseInt(given.getOrDefault("publishers", rate > 0 ? "16" : "4")),
                Integer.parseInt(given.getOrDefault("warmup", Integer.toString(events / 10))),
                Integer.parseInt(given.getOrDefault("backlog", "0")),
                Integer.parseInt(given.getOrDefault("history", "0")),
                Boolean.parseBoolean(given.getOrDefault("purge-during", "false")),
                Boolean.parseBoolean(given.getOrDefault("ordered", "false")),
                Boolean.parseBoolean(given.getOrDefault("limits", "true")),
                given.getOrDefault("config", "config.yml"),
                given.get("database-url"),
                given.getOrDefault("database-user", "root"),
                given.getOrDefault("database-password", ""));
        given.keySet().removeAll(NAMES);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        if (options.purgeDuring() && (options.history() == 0 || options.backlog() > 0)) {
            throw new IllegalArgumentException("--purge-during=true purges a history while publishing: it needs --history"
                    + " and no --backlog");
        }
        return options;
    }

    int deliveries() {
        return backlog > 0 ? backlog : events * matching;
    }

    @Override
    public String toString() {
        return (history > 0 ? "history of " + history + " delivered deliveries" + (purgeDuring ? " (oldest day purged while"
                + " publishing)" : "") + ", then " : "") + run();
    }

    private String run() {
        return backlog > 0
                ? "backlog of " + backlog + " due deliveries across " + tenants * matching + " webhooks"
                : events + " events across " + tenants + " tenants, " + matching + (ordered ? " ordered" : "") + " matching + " + others
                        + " other webhooks per tenant, " + (rate > 0 ? rate + " events/s" : "as fast as possible")
                        + ", " + batch + " per POST, " + publishers + " publishers, latency of all but the first " + warmUp
                        + " events";
    }
}
