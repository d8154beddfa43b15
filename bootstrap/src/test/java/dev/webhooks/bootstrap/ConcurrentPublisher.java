package dev.webhooks.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Publishes events from several threads, as single events and batches of varying size, and tells which got a 202. */
final class ConcurrentPublisher {
    private static final int[] CHUNK_SIZES = {1, 25, 1, 100, 1, 10, 1, 50};

    private ConcurrentPublisher() {
    }

    /** What publishing achieved: the accepted events and how often each status came back. */
    record Result(List<Workload.Event> accepted, Map<Integer, Integer> statuses) {
    }

    static Result publish(ServiceCalls calls, List<Workload.Event> events, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ServiceCalls.Answer>> answers = new ArrayList<>();
            List<List<Workload.Event>> chunks = chunks(events);
            for (List<Workload.Event> chunk : chunks) {
                answers.add(pool.submit(() -> calls.publish(chunk)));
            }
            List<Workload.Event> accepted = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < chunks.size(); i++) {
                int status = answers.get(i).get().status();
                statuses.merge(status, 1, Integer::sum);
                if (status == 202) {
                    accepted.addAll(chunks.get(i));
                }
            }
            return new Result(accepted, statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<Workload.Event>> chunks(List<Workload.Event> events) {
        List<List<Workload.Event>> chunks = new ArrayList<>();
        for (int from = 0, i = 0; from < events.size(); i++) {
            int to = Math.min(events.size(), from + CHUNK_SIZES[i % CHUNK_SIZES.length]);
            chunks.add(events.subList(from, to));
            from = to;
        }
        return chunks;
    }
}
