package io.credpool.jmh.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A log-linear histogram of nanosecond latencies, written by many threads at once: values below
 * 64 ns are exact, larger ones fall in one of 32 buckets per power of two (at most 3 % apart).
 * Writers spread over {@link #STRIPES} copies (by the writer's own number) so that thousands of
 * them rarely touch the same counter; percentiles are read after the writers stop.
 */
final class Latencies {

    static final int STRIPES = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(STRIPES * BUCKETS);

    /** Counts one latency; {@code writer} is any number fixed for the writing task. */
    void record(int writer, long nanos) {
        counts.getAndIncrement((writer & (STRIPES - 1)) * BUCKETS + bucket(Math.max(0, nanos)));
    }

    static int bucket(long v) {
        if (v < 2L * SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        return (exp - SUB_BITS) * SUB + (int) ((v >>> (exp - SUB_BITS)) & (SUB - 1)) + SUB;
    }

    /** The smallest value that falls in {@code bucket}. */
    static long lowest(int bucket) {
        if (bucket < 2 * SUB) {
            return bucket;
        }
        int exp = (bucket - SUB) / SUB + SUB_BITS;
        long sub = (bucket - SUB) % SUB;
        return (1L << exp) | (sub << (exp - SUB_BITS));
    }

    /** The counts summed over the stripes. */
    long[] merged() {
        long[] m = new long[BUCKETS];
        for (int s = 0; s < STRIPES; s++) {
            for (int b = 0; b < BUCKETS; b++) {
                m[b] += counts.get(s * BUCKETS + b);
            }
        }
        return m;
    }

    /** Adds {@code other}'s counts to {@code into}. */
    static void add(long[] into, long[] other) {
        for (int b = 0; b < into.length; b++) {
            into[b] += other[b];
        }
    }

    /** The value at quantile {@code q} (0..1) of merged counts, as the middle of its bucket; -1 when empty. */
    static long percentile(long[] merged, double q) {
        long total = 0;
        for (long c : merged) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < merged.length; b++) {
            seen += merged[b];
            if (seen >= Math.max(1, rank)) {
                long lo = lowest(b);
                long hi = b + 1 < merged.length ? lowest(b + 1) : lo;
                return (lo + hi) / 2;
            }
        }
        return lowest(merged.length - 1);
    }
}
