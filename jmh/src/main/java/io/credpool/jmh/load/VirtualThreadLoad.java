package io.credpool.jmh.load;

import io.credpool.testkit.stub.StubDriver;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * credpool and HikariCP on virtual threads (JDK 21+; measured on JDK 25), on the testkit stub
 * driver: 1,000 and 10,000 virtual threads borrowing from pools of 8 and 32 connections.
 *
 * <p>Two kinds of work while the connection is held: {@code cycle}, one {@code Thread.yield()}
 * (no time, but the virtual thread leaves its carrier holding the connection, so the other
 * virtual threads find the pool empty and wait, which is the case that matters; with no yield
 * point at all a virtual thread never gives up its carrier and no borrower ever waits), and
 * {@code hold 1 ms}, a {@code Thread.sleep(1)}. JMH drives virtual threads badly, hence this
 * driver: its own warm-up, interleaved iterations, percentiles from a histogram of recorded
 * nanoseconds (see {@link Latencies}). The percentiles weigh every cycle alike, so a borrower
 * that starves contributes one slow cycle while the others contribute many fast ones; the longest
 * cycle is printed too.
 *
 * <p>Arguments, all optional: iterations (3), window in ms (2000), warm-ups (1).
 * Run: {@code $JDK25/bin/java -cp jmh/target/benchmarks.jar io.credpool.jmh.load.VirtualThreadLoad}
 */
public final class VirtualThreadLoad {

    private VirtualThreadLoad() {
    }

    /** Runs every combination and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Duration window = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 2000);
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "# %s %s, %d CPUs, %d carriers, %d × %d ms, %d warm-up%n",
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                carriers, iterations, window.toMillis(), warmups);
        System.out.println("| work | virtual threads | pool size | credpool cycles/s (min–max) "
                + "| HikariCP cycles/s (min–max) | ratio | credpool p99 (per iteration) | HikariCP p99 (per iteration) "
                + "| p99 ratio | longest cycle credpool / HikariCP | carrier CPU credpool / HikariCP "
                + "| process CPU credpool / HikariCP | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Quiet.pools();
        StubDriver.register();
        String[] works = {"cycle", "hold 1 ms"};
        LoadRun.Work[] work = {c -> Thread.yield(), c -> TimeUnit.MILLISECONDS.sleep(1)};
        int config = 0;
        for (int w = 0; w < works.length; w++) {
            for (int threads : new int[] {1_000, 10_000}) {
                for (int size : new int[] {8, 32}) {
                    String url = StubDriver.url("vthreads-" + config++);
                    Comparison c = Comparison.run(
                            name -> Pools.open(name, url, null, null, size, Duration.ofSeconds(60)),
                            Threads.virtual(), threads, work[w], warmups, iterations, window);
                    System.out.printf(Locale.ROOT, "| %s | %,d | %d | %s (%s–%s) | %s (%s–%s) | %s | %s (%s) | %s (%s) "
                            + "| %s | %s / %s | %.0f %% / %.0f %% | %.0f %% / %.0f %% | %d / %d |%n",
                            works[w], threads, size,
                            Comparison.rate(c.meanRate("credpool")), Comparison.rate(c.minRate("credpool")),
                            Comparison.rate(c.maxRate("credpool")),
                            Comparison.rate(c.meanRate("hikari")), Comparison.rate(c.minRate("hikari")),
                            Comparison.rate(c.maxRate("hikari")),
                            Comparison.ratio(c.meanRate("credpool"), c.meanRate("hikari")),
                            Comparison.nanos(c.percentile("credpool", false, 0.99)), each(c, "credpool"),
                            Comparison.nanos(c.percentile("hikari", false, 0.99)), each(c, "hikari"),
                            Comparison.ratio(c.percentile("credpool", false, 0.99), c.percentile("hikari", false, 0.99)),
                            Comparison.nanos(c.percentile("credpool", false, 1.0)),
                            Comparison.nanos(c.percentile("hikari", false, 1.0)),
                            100 * c.carrierShare("credpool", carriers), 100 * c.carrierShare("hikari", carriers),
                            100 * c.processShare("credpool"), 100 * c.processShare("hikari"),
                            c.errors("credpool"), c.errors("hikari"));
                    System.out.flush();
                }
            }
        }
    }

    static String each(Comparison c, String pool) {
        return String.join(", ", Arrays.stream(c.percentiles(pool, false, 0.99)).mapToObj(Comparison::nanos)
                .toArray(String[]::new));
    }
}
