package io.credpool.jmh.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * One timed iteration of a closed-loop load: {@code tasks} threads each borrow a connection,
 * do {@link Work} with it, close it, and go again until the window ends.
 *
 * <p>Every cycle that begins inside the window is recorded, including those that end after it
 * (the iteration waits for them), so slow borrowers still waiting when the window closes are in
 * the percentiles; throughput counts the cycles that ended inside the window.
 */
final class LoadRun {

    /** What a borrower does with the connection before closing it. */
    @FunctionalInterface
    interface Work {
        void use(Connection c) throws Exception;
    }

    /** What one iteration measured. */
    record Result(long cycles, long windowNanos, long errors, long[] waits, long[] totals, long carrierCpuNanos,
            long processCpuNanos) {

        double perSecond() {
            return cycles * 1e9 / windowNanos;
        }
    }

    private LoadRun() {
    }

    static Result run(DataSource ds, ThreadFactory threads, int tasks, Work work, long windowNanos)
            throws InterruptedException {
        Latencies wait = new Latencies();
        Latencies total = new Latencies();
        LongAdder inWindow = new LongAdder();
        LongAdder errors = new LongAdder();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>(tasks);
        Stop flag = new Stop();
        for (int i = 0; i < tasks; i++) {
            int id = i;
            Thread t = threads.newThread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!flag.stopped) {
                    long t0 = System.nanoTime();
                    Connection c;
                    try {
                        c = ds.getConnection();
                    } catch (SQLException e) {
                        errors.increment();
                        continue;
                    }
                    long t1 = System.nanoTime();
                    try {
                        work.use(c);
                    } catch (Exception e) {
                        errors.increment();
                    } finally {
                        try {
                            c.close();
                        } catch (SQLException e) {
                            errors.increment();
                        }
                    }
                    long t2 = System.nanoTime();
                    wait.record(id, t1 - t0);
                    total.record(id, t2 - t0);
                    if (t2 - flag.endsAt <= 0) {
                        inWindow.increment();
                    }
                }
            });
            started.add(t);
            t.start();
        }
        long carrier0 = Threads.carrierCpuNanos();
        long process0 = Threads.processCpuNanos();
        flag.endsAt = System.nanoTime() + windowNanos;
        go.countDown();
        TimeUnit.NANOSECONDS.sleep(windowNanos);
        long carrier1 = Threads.carrierCpuNanos();
        long process1 = Threads.processCpuNanos();
        flag.stopped = true;
        for (Thread t : started) {
            t.join(TimeUnit.SECONDS.toMillis(120));
        }
        return new Result(inWindow.sum(), windowNanos, errors.sum(), wait.merged(), total.merged(),
                carrier1 - carrier0, process1 - process0);
    }

    /** When the window ends, and whether it has. */
    private static final class Stop {
        volatile boolean stopped;
        volatile long endsAt;
    }
}
