package io.threefactor.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Request latencies in nanoseconds, kept exactly (a few hundred thousand longs per run) and sorted for
 * percentiles. HdrHistogram is not on the engine's test classpath; exact values need no bucketing anyway.
 * One instance per in-flight slot: a slot runs one request at a time, so no locking is needed.
 */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    static Summary summarise(List<Latencies> parts) {
        int total = parts.stream().mapToInt(p -> p.size).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies p : parts) {
            System.arraycopy(p.values, 0, all, at, p.size);
            at += p.size;
        }
        Arrays.sort(all);
        return new Summary(total, percentile(all, 0.50), percentile(all, 0.99), total == 0 ? 0 : all[total - 1]);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    record Summary(int count, long p50Nanos, long p99Nanos, long maxNanos) { }
}
