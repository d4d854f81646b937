package io.credpool;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long the JVM or the machine stopped this process's threads (GC pauses, safepoints,
 * a CPU taken by other processes on a 2-core machine): a daemon thread asks to sleep 1 ms at a
 * time and records each time it woke more than 2 ms late.
 *
 * <p>The torture test adds the stalls seen during a timed call to the call's allowance: a pool
 * cannot be blamed for time during which nothing could run. A stall is evidence of lost CPU, so
 * this only ever widens a bound where the machine demonstrably was not running us.
 */
final class PauseMeter implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long NOISE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(120);

    /** A stall: the process could not run from {@code start} to {@code end} ({@link System#nanoTime()}). */
    private record Stall(long start, long end) {
    }

    private final ConcurrentLinkedDeque<Stall> stalls = new ConcurrentLinkedDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** When the meter last woke: stalls before this are all recorded. */
    private volatile long lastWake = System.nanoTime();

    PauseMeter() {
        thread = new Thread(this::measure, "torture-pause-meter");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    private void measure() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long after = System.nanoTime();
            if (after - before - TICK_NANOS > NOISE_NANOS) {
                stalls.addLast(new Stall(before + TICK_NANOS, after));
            }
            lastWake = after;
            Stall oldest = stalls.peekFirst();
            if (oldest != null && after - oldest.end > KEEP_NANOS) {
                stalls.pollFirst();
            }
        }
    }

    /**
     * Nanoseconds of measured stalls inside {@code [from, to]}. Waits (up to 2 s) for the meter to
     * wake after {@code to} first, so that a stall still under way at {@code to} is counted.
     */
    long stalledNanos(long from, long to) {
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (running && lastWake - to < 0 && System.nanoTime() - wait < 0) {
            LockSupport.parkNanos(TICK_NANOS);
        }
        long total = 0;
        for (Iterator<Stall> it = stalls.descendingIterator(); it.hasNext(); ) {
            Stall s = it.next();
            if (s.end <= from) {
                break;
            }
            long overlap = Math.min(s.end, to) - Math.max(s.start, from);
            if (overlap > 0) {
                total += overlap;
            }
        }
        return total;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
