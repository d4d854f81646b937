package io.credpool.internal.pool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pool's share of the housekeeping thread that every pool in the JVM uses: its chores and
 * its connect retries run there, so fifty pools (one per tenant) cost one thread, not fifty. The
 * first pool starts the thread and the last one to close stops it, so none outlives the pools.
 *
 * <p>What runs here must never block: closes have the {@link Closer}, connects the connectors.
 * After {@link #leave()} nothing of this pool runs any more (a task already queued is skipped),
 * and {@link #execute} and {@link #schedule} refuse, as a shut-down executor would.
 */
final class Scheduler {

    /** Guards {@link #shared} and {@link #members}; held only to count, never while running a task. */
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static ScheduledThreadPoolExecutor shared;
    private static int members;

    private final ScheduledThreadPoolExecutor executor;
    /** Tasks of this pool started and not yet finished, so that {@code close()} can wait for them. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean left = new AtomicBoolean();
    private volatile ScheduledFuture<?> chores;

    private Scheduler(ScheduledThreadPoolExecutor executor) {
        this.executor = executor;
    }

    /** A new pool's share, starting the thread if no other pool is open. */
    static Scheduler join() {
        LOCK.lock();
        try {
            if (shared == null) {
                ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, PoolThreads.housekeeper());
                e.setRemoveOnCancelPolicy(true);
                e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                e.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
                shared = e;
            }
            members++;
            return new Scheduler(shared);
        } finally {
            LOCK.unlock();
        }
    }

    /** Runs {@code task} every {@code periodMillis}, first after one period; at most once at a time. */
    void every(long periodMillis, Runnable task) {
        chores = executor.scheduleWithFixedDelay(guarded(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} soon. */
    void execute(Runnable task) {
        refuseAfterLeaving();
        executor.execute(guarded(task));
    }

    /** Runs {@code task} after {@code delayMillis}. */
    void schedule(Runnable task, long delayMillis) {
        refuseAfterLeaving();
        executor.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void refuseAfterLeaving() {
        if (left.get()) {
            throw new RejectedExecutionException("the pool is closed");
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            // Counted before looking at the flag: once leave() has set it and the count is zero,
            // no task of this pool is running or can start.
            running.incrementAndGet();
            try {
                if (!left.get()) {
                    task.run();
                }
            } finally {
                running.decrementAndGet();
            }
        };
    }

    /**
     * Stops this pool's tasks. Returns the shared executor when this was the last pool, which is
     * then shutting down and which the caller may wait for; otherwise null. Idempotent.
     */
    ExecutorService leave() {
        if (!left.compareAndSet(false, true)) {
            return null;
        }
        ScheduledFuture<?> c = chores;
        if (c != null) {
            c.cancel(false);
        }
        LOCK.lock();
        try {
            if (--members == 0 && shared == executor) {
                shared = null;
                executor.shutdownNow();
                return executor;
            }
            return null;
        } finally {
            LOCK.unlock();
        }
    }

    /** After {@link #leave()}: whether no task of this pool is running any more. */
    boolean idle() {
        return running.get() == 0;
    }
}
