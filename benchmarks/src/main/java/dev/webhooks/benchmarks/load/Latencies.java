package dev.webhooks.benchmarks.load;

import java.util.Arrays;

/** Latency samples in nanoseconds (one per delivery), summarised as percentiles in milliseconds. */
final class Latencies {
    private final long[] samples;
    private int count;

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    synchronized void add(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        }
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }

    String summary() {
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                percentileMillis(50), percentileMillis(95), percentileMillis(99), percentileMillis(100));
    }
}
