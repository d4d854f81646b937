package io.credpool.internal.pool;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes the pool's daemon threads, named {@code credpool-<role>-<n>} so thread dumps say what they are. */
final class PoolThreads implements ThreadFactory {

    /** Every pool thread's name starts with this. */
    static final String PREFIX = "credpool-";

    private static final AtomicInteger HOUSEKEEPERS = new AtomicInteger();
    private static final AtomicInteger CONNECTORS = new AtomicInteger();
    private static final AtomicInteger CLOSERS = new AtomicInteger();
    private static final AtomicInteger VALIDATORS = new AtomicInteger();

    private final String role;
    private final AtomicInteger counter;

    private PoolThreads(String role, AtomicInteger counter) {
        this.role = role;
        this.counter = counter;
    }

    static PoolThreads housekeeper() {
        return new PoolThreads("housekeeper", HOUSEKEEPERS);
    }

    static PoolThreads connector() {
        return new PoolThreads("connector", CONNECTORS);
    }

    static PoolThreads closer() {
        return new PoolThreads("closer", CLOSERS);
    }

    static PoolThreads validator() {
        return new PoolThreads("validator", VALIDATORS);
    }

    /** Lets a fixed-size executor (core = maximum) run at least {@code threads} tasks at once, for a pool that grew. */
    static void atLeast(ThreadPoolExecutor executor, int threads) {
        if (threads > executor.getMaximumPoolSize()) {
            // The maximum first: a core size above it is refused.
            executor.setMaximumPoolSize(threads);
            executor.setCorePoolSize(threads);
        }
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, PREFIX + role + "-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
