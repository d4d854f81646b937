package io.credpool.jmh.load;

import io.credpool.testkit.PgCluster;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;

/**
 * credpool and HikariCP against a real PostgreSQL: a throwaway testkit cluster ({@link PgCluster},
 * SCRAM login, on loopback), pools of 10, the same pgjdbc URL and login for both (pgjdbc's
 * defaults otherwise). 64 platform threads and, on JDK 21+, 1,000 virtual threads run
 * {@code select 1} and {@code select pg_sleep(0.001)} through a {@code Statement}; the table
 * gives throughput, the wait for {@code getConnection()} and the whole cycle (borrow, query, read,
 * close) at p50, p99 and p99.9.
 *
 * <p>Arguments, all optional: iterations (3), window in ms (2000), warm-ups (1).
 * Run: {@code $JDK25/bin/java -cp jmh/target/benchmarks.jar io.credpool.jmh.load.PostgresLoad}
 */
public final class PostgresLoad {

    private static final int POOL_SIZE = 10;

    private PostgresLoad() {
    }

    /** Starts a cluster, runs every combination, prints a Markdown table, stops the cluster. */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Duration window = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 2000);
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Quiet.pools();
        boolean virtual = Runtime.version().feature() >= 21;
        try (PgCluster cluster = PgCluster.create()) {
            String user = "bench";
            String password = UUID.randomUUID().toString();
            cluster.createRole(user, password);
            String url = cluster.jdbcUrl("postgres");
            System.out.printf(Locale.ROOT, "# %s %s, %d CPUs, PostgreSQL on 127.0.0.1:%d, pools of %d, %d × %d ms, "
                    + "%d warm-up%n", System.getProperty("java.vm.name"), Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), cluster.port(), POOL_SIZE, iterations,
                    window.toMillis(), warmups);
            System.out.println("| query | threads | credpool cycles/s (min–max) | HikariCP cycles/s (min–max) | ratio "
                    + "| credpool wait p50 / p99 / p99.9 | HikariCP wait p50 / p99 / p99.9 | p99 wait ratio "
                    + "| p99 wait per iteration, credpool; HikariCP "
                    + "| credpool cycle p50 / p99 / p99.9 | HikariCP cycle p50 / p99 / p99.9 | errors |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
            for (String sql : new String[] {"select 1", "select pg_sleep(0.001)"}) {
                LoadRun.Work work = c -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        rs.getObject(1);
                    }
                };
                row(sql, "64 platform", Threads.platform(), 64, work, url, user, password, warmups, iterations, window);
                if (virtual) {
                    row(sql, "1,000 virtual", Threads.virtual(), 1_000, work, url, user, password, warmups, iterations,
                            window);
                }
            }
            if (!virtual) {
                System.out.println("(virtual threads skipped: JDK " + Runtime.version().feature() + " < 21)");
            }
        }
    }

    private static void row(String sql, String label, ThreadFactory threads, int tasks, LoadRun.Work work, String url,
            String user, String password, int warmups, int iterations, Duration window) throws Exception {
        Comparison c = Comparison.run(
                name -> Pools.open(name, url, user, password, POOL_SIZE, Duration.ofSeconds(60)),
                threads, tasks, work, warmups, iterations, window);
        System.out.printf(Locale.ROOT, "| `%s` | %s | %s (%s–%s) | %s (%s–%s) | %s | %s | %s | %s | %s; %s | %s | %s "
                + "| %d / %d |%n",
                sql, label,
                Comparison.rate(c.meanRate("credpool")), Comparison.rate(c.minRate("credpool")),
                Comparison.rate(c.maxRate("credpool")),
                Comparison.rate(c.meanRate("hikari")), Comparison.rate(c.minRate("hikari")),
                Comparison.rate(c.maxRate("hikari")),
                Comparison.ratio(c.meanRate("credpool"), c.meanRate("hikari")),
                three(c, "credpool", true), three(c, "hikari", true),
                Comparison.ratio(c.percentile("credpool", true, 0.99), c.percentile("hikari", true, 0.99)),
                each(c, "credpool"), each(c, "hikari"),
                three(c, "credpool", false), three(c, "hikari", false),
                c.errors("credpool"), c.errors("hikari"));
        System.out.flush();
    }

    private static String three(Comparison c, String pool, boolean wait) {
        return Comparison.nanos(c.percentile(pool, wait, 0.50)) + " / " + Comparison.nanos(c.percentile(pool, wait, 0.99))
                + " / " + Comparison.nanos(c.percentile(pool, wait, 0.999));
    }

    private static String each(Comparison c, String pool) {
        return String.join(", ", Arrays.stream(c.percentiles(pool, true, 0.99)).mapToObj(Comparison::nanos)
                .toArray(String[]::new));
    }
}
