package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.WARNING;

import io.credpool.PoolSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pool's periodic chores, run by its one housekeeping thread: retire idle connections past
 * their lifetime or idle timeout (down to {@code minIdle}), report leaks, and open connections
 * that waiting borrowers or {@code minIdle} still need. Borrowed connections are never touched:
 * they are retired when they come back.
 */
final class Housekeeping implements Runnable {

    private final Pool pool;

    Housekeeping(Pool pool) {
        this.pool = pool;
    }

    /** A quarter of the shortest timed setting, between 10 ms and 5 s. */
    static long periodMillis(PoolSettings s) {
        long shortest = 20_000;
        for (Duration d : new Duration[] {s.idleTimeout(), s.maxLifetime(), s.leakThreshold()}) {
            if (!d.isZero()) {
                shortest = Math.min(shortest, d.toMillis());
            }
        }
        return Math.max(10, Math.min(5000, shortest / 4));
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            pool.clock = now;
            if (anyIdleToEvict(now)) {
                evictIdle(now);
            }
            if (pool.leakNanos != 0) {
                reportLeaks(now);
            }
            pool.grow();
        } catch (RuntimeException | Error e) {
            Pool.LOG.log(WARNING, "Connection pool housekeeping for " + pool.target + " failed", e);
        }
    }

    private boolean due(Slot s, long now, boolean aboveMinIdle) {
        return now - s.expiresAt >= 0
                || (aboveMinIdle && pool.idleTimeoutNanos != 0 && now - s.idleSince > pool.idleTimeoutNanos);
    }

    /** A cheap, racy look that spares detaching the idle stacks when nothing is due. */
    private boolean anyIdleToEvict(long now) {
        boolean aboveMinIdle = pool.total() > pool.settings.minIdle();
        for (Slot s : pool.slots) {
            if (s.state() == Slot.IDLE && due(s, now, aboveMinIdle)) {
                return true;
            }
        }
        return false;
    }

    /** Detaches each idle stack, drops what is due and puts the rest back in the same order. */
    private void evictIdle(long now) {
        IdleStacks idle = pool.idle;
        int total = pool.total();
        List<Slot> evicted = new ArrayList<>();
        List<Slot> chain = new ArrayList<>();
        for (int stripe = 0; stripe < idle.stripes(); stripe++) {
            chain.clear();
            for (Slot s = idle.takeAll(stripe); s != null; s = idle.below(s)) {
                chain.add(s);
            }
            // Least recently used first, so the idle timeout trims the coldest connections.
            boolean[] drop = new boolean[chain.size()];
            for (int i = chain.size() - 1; i >= 0; i--) {
                Slot s = chain.get(i);
                if (due(s, now, total > pool.settings.minIdle())) {
                    drop[i] = true;
                    total--;
                    evicted.add(s);
                }
            }
            Slot top = null;
            Slot previous = null;
            for (int i = 0; i < chain.size(); i++) {
                if (!drop[i]) {
                    Slot s = chain.get(i);
                    if (previous == null) {
                        top = s;
                    } else {
                        previous.next = s.index + 1;
                    }
                    previous = s;
                }
            }
            if (top != null) {
                idle.pushChain(stripe, top, previous);
            }
        }
        for (Slot s : evicted) {
            pool.retireNow(s);
        }
        if (pool.signal.get() != 0) {
            pool.afterPush();
        }
    }

    private void reportLeaks(long now) {
        for (Slot s : pool.slots) {
            LeakRecord r = s.leak;
            if (r != null && !r.reported && now - r.borrowedAt > pool.leakNanos) {
                r.reported = true;
                Pool.LOG.log(WARNING, "Connection leak detection: a connection to " + pool.target + " was borrowed "
                        + TimeUnit.NANOSECONDS.toMillis(now - r.borrowedAt) + " ms ago by thread " + r.thread
                        + " and has not been returned (leak threshold " + pool.settings.leakThreshold().toMillis()
                        + " ms); stack of the borrow follows", r.stack);
            }
        }
    }
}
