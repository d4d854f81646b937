package io.credpool.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The load of the rotation tests: threads that borrow from a pool, run {@code select 1} and give
 * the connection back without pause, while another thread terminates every session of the given
 * roles ({@code pg_terminate_backend}) at a fixed period, so that the pool must log in again and
 * again. A failed {@code getConnection()} is recorded with when it began and how long it took; a
 * query that fails because its session was terminated while lent is counted apart (the pool is
 * not at fault).
 *
 * <pre>{@code
 * try (BorrowLoad load = BorrowLoad.start(pool, 16, cluster, Duration.ofSeconds(2), role)) {
 *     ... rotate ...
 *     assertEquals("", load.describeFailures());
 * }
 * }</pre>
 */
public final class BorrowLoad implements AutoCloseable {

    /** A failed {@code getConnection()}: when it began, how long it took, what it threw. */
    public record Failure(Instant at, long millis, Throwable error) {
    }

    private final LongAdder borrows = new LongAdder();
    private final LongAdder killedInUse = new LongAdder();
    private final AtomicInteger killed = new AtomicInteger();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private BorrowLoad() {
    }

    /**
     * Starts {@code borrowers} borrowing threads on {@code pool}, and a thread that terminates the
     * sessions of {@code roles} on {@code cluster} every {@code killEvery}.
     */
    public static BorrowLoad start(DataSource pool, int borrowers, PgCluster cluster, Duration killEvery,
                                   String... roles) {
        BorrowLoad load = new BorrowLoad();
        for (int i = 0; i < borrowers; i++) {
            load.begin("borrower-" + i, () -> load.borrow(pool));
        }
        load.begin("session-killer", () -> load.kill(cluster, killEvery, roles));
        return load;
    }

    /** Borrows that got a connection. */
    public long borrows() {
        return borrows.sum();
    }

    /** Queries that failed because the killer terminated their session while it was lent. */
    public long killedInUse() {
        return killedInUse.sum();
    }

    /** Sessions terminated so far. */
    public int killed() {
        return killed.get();
    }

    /** The failed {@code getConnection()} calls (and queries that failed otherwise than by a kill), in order. */
    public List<Failure> failures() {
        return new ArrayList<>(failures);
    }

    /** Empty when nothing failed; else how many, and the first failures' stack traces. */
    public String describeFailures() {
        List<Failure> all = failures();
        if (all.isEmpty()) {
            return "";
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(all.size() + " borrows failed; the first ones:");
        for (Failure f : all.subList(0, Math.min(3, all.size()))) {
            out.println("at " + f.at() + " after " + f.millis() + " ms:");
            f.error().printStackTrace(out);
        }
        out.flush();
        return text.toString();
    }

    /** Stops every thread and waits for them (at most 15 s each). */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(15));
        }
    }

    private void begin(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private void borrow(DataSource pool) {
        while (!stop.get()) {
            Instant at = Instant.now();
            long started = System.nanoTime();
            Connection c;
            try {
                c = pool.getConnection();
            } catch (Throwable t) {
                failures.add(new Failure(at, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), t));
                pause(20);
                continue;
            }
            borrows.increment();
            try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                rs.next();
            } catch (SQLException e) {
                String state = String.valueOf(e.getSQLState());
                if (state.equals("57P01") || state.startsWith("08")) {
                    killedInUse.increment();
                } else {
                    failures.add(new Failure(at, 0, e));
                }
            }
        }
    }

    private void kill(PgCluster cluster, Duration every, String[] roles) {
        String sql = "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                + " where usename = any(?) and backend_type = 'client backend' and pid <> pg_backend_pid()";
        while (!stop.get()) {
            pause(every.toMillis());
            try (Connection c = cluster.superuserConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setArray(1, c.createArrayOf("text", roles));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    killed.addAndGet(rs.getInt(1));
                }
            } catch (SQLException e) {
                throw new PgClusterException("pg_terminate_backend failed: " + e.getMessage(), e);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
