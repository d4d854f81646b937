package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.WARNING;

import io.credpool.PoolSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pool's periodic chores, run by its one housekeeping thread: move the coarse clock, give up
 * on overdue closes, retire idle connections past their lifetime or idle timeout (down to
 * {@code minIdle}), report leaks, and open connections that waiting borrowers or
 * {@code minIdle} still need. It never closes a connection itself (the closer does) and never
 * touches a borrowed one: those are retired when they come back. Each chore runs even when
 * another one failed.
 */
final class Housekeeping implements Runnable {

    /** What the chores need from their pool. */
    interface Tended {
        /** Reads the pool's clock, stores it as the coarse clock and frees overdue closes; returns the time read. */
        long tick();

        Slot[] slots();

        Lending lending();

        PoolSettings settings();

        String target();

        /** Slots that are not empty. */
        int total();

        /** Nanoseconds after which a borrow counts as a leak; zero when leak detection is off. */
        long leakNanos();

        /** Closes an owned slot's connection. */
        void retire(Slot s, String reason);

        /** A leak the housekeeper just reported, for the pool's events. */
        void leaked(long heldNanos, String thread);

        /** Opens connections that waiters or {@code minIdle} want. */
        void grow();
    }

    private final Tended pool;
    private final long idleTimeoutNanos;

    Housekeeping(Tended pool) {
        this.pool = pool;
        this.idleTimeoutNanos = pool.settings().idleTimeout().toNanos();
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
        long now = pool.tick();
        try {
            if (anyIdleToEvict(now)) {
                evictIdle(now);
            }
        } catch (RuntimeException | Error e) {
            failed("eviction", e);
        }
        try {
            if (pool.leakNanos() != 0) {
                reportLeaks(now);
            }
        } catch (RuntimeException | Error e) {
            failed("leak detection", e);
        }
        try {
            pool.grow();
        } catch (RuntimeException | Error e) {
            failed("growth", e);
        }
    }

    private void failed(String chore, Throwable e) {
        Pool.LOG.log(WARNING, "Connection pool " + chore + " for " + pool.target() + " failed", e);
    }

    private boolean due(Slot s, long now, boolean aboveMinIdle) {
        return now - s.expiresAt >= 0
                || (aboveMinIdle && idleTimeoutNanos != 0 && now - s.idleSince > idleTimeoutNanos);
    }

    /** A cheap, racy look that spares detaching the idle stacks when nothing is due. */
    private boolean anyIdleToEvict(long now) {
        boolean aboveMinIdle = pool.total() > pool.settings().minIdle();
        for (Slot s : pool.slots()) {
            if (s.state() == Slot.IDLE && due(s, now, aboveMinIdle)) {
                return true;
            }
        }
        return false;
    }

    private void evictIdle(long now) {
        int minIdle = pool.settings().minIdle();
        int[] total = {pool.total()};
        for (Slot s : pool.lending().removeIdle(s -> {
            if (due(s, now, total[0] > minIdle)) {
                total[0]--;
                return true;
            }
            return false;
        })) {
            pool.retire(s, now - s.expiresAt >= 0 ? Evictions.LIFETIME : Evictions.IDLE);
        }
    }

    private void reportLeaks(long now) {
        long leakNanos = pool.leakNanos();
        for (Slot s : pool.slots()) {
            LeakRecord r = s.leak;
            if (r != null && !r.reported && now - r.borrowedAt > leakNanos) {
                r.reported = true;
                pool.leaked(now - r.borrowedAt, r.thread);
                Pool.LOG.log(WARNING, "Connection leak detection: a connection to " + pool.target() + " was borrowed "
                        + TimeUnit.NANOSECONDS.toMillis(now - r.borrowedAt) + " ms ago by thread " + r.thread
                        + " and has not been returned (leak threshold "
                        + pool.settings().leakThreshold().toMillis() + " ms); stack of the borrow follows", r.stack);
            }
        }
    }
}
