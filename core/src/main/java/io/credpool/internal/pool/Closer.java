package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import java.sql.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closes physical connections on threads of its own, so that a driver whose {@code close()}
 * blocks (a dead socket without a timeout) never holds up a borrower, the housekeeper, a
 * connect or {@code close()} of the pool. A close gets a time limit: past it, the slot is freed
 * for a new connection and the blocked thread is left to finish on its own (it is a daemon),
 * which is logged.
 */
final class Closer {

    private final String target;
    private final Runnable onFreed;
    private final ThreadPoolExecutor executor;
    private final LongAdder closed = new LongAdder();

    /**
     * @param threads at most this many closes run at once
     * @param onFreed runs after a slot became empty, so the pool can grow again
     */
    Closer(String target, int threads, Runnable onFreed) {
        this.target = target;
        this.onFreed = onFreed;
        this.executor = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                PoolThreads.closer());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Lets at least {@code threads} closes run at once, for a pool that grew. */
    void atLeast(int threads) {
        PoolThreads.atLeast(executor, threads);
    }

    /** Connections closed (or given up on) so far. */
    long closed() {
        return closed.sum();
    }

    /**
     * Closes {@code c}, the connection of the owned slot {@code s}, which becomes CLOSING now
     * and EMPTY when the close ends or is abandoned.
     */
    void close(Slot s, Connection c) {
        if (c == null) {
            s.set(Slot.EMPTY);
            onFreed.run();
            return;
        }
        s.closing(c, System.nanoTime());
        Runnable task = () -> finish(s, c);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shutDown) {
            // After the pool closed: a borrower returned late, or a connect finished late.
            Thread t = PoolThreads.closer().newThread(task);
            t.start();
        }
    }

    private void finish(Slot s, Connection c) {
        closeQuietly(c);
        if (s.closed(c)) {
            closed.increment();
            onFreed.run();
        } else {
            Pool.LOG.log(DEBUG, () -> "A close of a connection to " + target + " ended after it was given up on");
        }
    }

    /**
     * Frees every slot whose close began more than {@code limitNanos} before {@code now}; zero
     * frees all that are still closing.
     */
    void abandonOverdue(Slot[] slots, long now, long limitNanos) {
        for (Slot s : slots) {
            if (s.state() != Slot.CLOSING || now - s.closingSince < limitNanos) {
                continue;
            }
            Connection c = s.closingConnection();
            if (c != null && s.closed(c)) {
                closed.increment();
                Pool.LOG.log(WARNING, "Closing a connection to " + target + " did not finish within "
                        + TimeUnit.NANOSECONDS.toMillis(now - s.closingSince)
                        + " ms; it is left to finish on a daemon thread and its slot is reused");
                onFreed.run();
            }
        }
    }

    /** Lets running closes finish; later ones get a thread each. */
    void shutdown() {
        executor.shutdown();
    }

    /** The executor, for {@code close()} to wait for its threads to end. */
    ExecutorService executor() {
        return executor;
    }

    /** Closes {@code c}, logging instead of throwing whatever the driver throws, {@code Error}s included. */
    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (Throwable e) {
            Pool.LOG.log(DEBUG, () -> "Closing a connection failed: " + e.getClass().getName());
        }
    }
}
