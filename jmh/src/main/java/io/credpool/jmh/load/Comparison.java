package io.credpool.jmh.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * credpool and HikariCP under the same load, in the same process, their iterations interleaved
 * (credpool first in odd iterations, HikariCP first in even ones) so that whatever else the
 * machine does falls on both alike. The drivers print its numbers as Markdown rows.
 */
final class Comparison {

    private final Map<String, List<LoadRun.Result>> results = new LinkedHashMap<>();

    /**
     * Runs {@code warmups} short and {@code iterations} measured iterations of each pool.
     *
     * @param pools opens a fresh pool by name; both stay open for the whole comparison
     */
    static Comparison run(PoolOpener pools, ThreadFactory threads, int tasks, LoadRun.Work work, int warmups,
            int iterations, Duration window) throws Exception {
        Comparison c = new Comparison();
        try (Pools.Pool credpool = pools.open("credpool"); Pools.Pool hikari = pools.open("hikari")) {
            Pools.Pool[] both = {credpool, hikari};
            for (int i = 0; i < warmups; i++) {
                for (Pools.Pool p : both) {
                    LoadRun.run(p.dataSource(), threads, tasks, work, Math.max(1, window.toNanos() / 2));
                }
            }
            for (int i = 0; i < iterations; i++) {
                for (int k = 0; k < 2; k++) {
                    Pools.Pool p = both[(i + k) % 2];
                    c.results.computeIfAbsent(p.name(), n -> new ArrayList<>())
                            .add(LoadRun.run(p.dataSource(), threads, tasks, work, window.toNanos()));
                }
            }
        }
        return c;
    }

    /** Opens a pool by name. */
    @FunctionalInterface
    interface PoolOpener {
        Pools.Pool open(String name) throws Exception;
    }

    List<LoadRun.Result> of(String pool) {
        return results.get(pool);
    }

    /** Throughput in cycles per second: mean of the iterations. */
    double meanRate(String pool) {
        return of(pool).stream().mapToDouble(LoadRun.Result::perSecond).average().orElse(0);
    }

    double minRate(String pool) {
        return of(pool).stream().mapToDouble(LoadRun.Result::perSecond).min().orElse(0);
    }

    double maxRate(String pool) {
        return of(pool).stream().mapToDouble(LoadRun.Result::perSecond).max().orElse(0);
    }

    /** Percentile {@code q} of one kind of latency, over all iterations. */
    long percentile(String pool, boolean wait, double q) {
        long[] merged = null;
        for (LoadRun.Result r : of(pool)) {
            long[] h = wait ? r.waits() : r.totals();
            if (merged == null) {
                merged = h.clone();
            } else {
                Latencies.add(merged, h);
            }
        }
        return Latencies.percentile(merged, q);
    }

    /** Percentile {@code q} of one kind of latency, in each iteration. */
    long[] percentiles(String pool, boolean wait, double q) {
        return of(pool).stream().mapToLong(r -> Latencies.percentile(wait ? r.waits() : r.totals(), q)).toArray();
    }

    long errors(String pool) {
        return of(pool).stream().mapToLong(LoadRun.Result::errors).sum();
    }

    /** Carrier CPU over the windows as a share of wall time × {@code carriers}. */
    double carrierShare(String pool, int carriers) {
        long cpu = of(pool).stream().mapToLong(LoadRun.Result::carrierCpuNanos).sum();
        long wall = of(pool).stream().mapToLong(LoadRun.Result::windowNanos).sum();
        return (double) cpu / wall / carriers;
    }

    /** Process CPU over the windows as a share of wall time × available processors. */
    double processShare(String pool) {
        long cpu = of(pool).stream().mapToLong(LoadRun.Result::processCpuNanos).sum();
        long wall = of(pool).stream().mapToLong(LoadRun.Result::windowNanos).sum();
        return (double) cpu / wall / Runtime.getRuntime().availableProcessors();
    }

    static String nanos(long ns) {
        if (ns < 0) {
            return "–";
        }
        if (ns < 10_000) {
            return ns + " ns";
        }
        if (ns < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    static String rate(double perSecond) {
        return perSecond >= 100_000 ? String.format(Locale.ROOT, "%.0fk", perSecond / 1e3)
                : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    static String ratio(double a, double b) {
        return b <= 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
