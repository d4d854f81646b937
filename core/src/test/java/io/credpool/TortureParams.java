package io.credpool;

import io.credpool.testkit.stub.StubFault;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What one round of {@link PoolTortureTest} runs with, all drawn from the round's seed: the pool's
 * settings, the load, the fault rates and whether and how the pool is closed while in use.
 *
 * @param seed                 the round's seed
 * @param maxSize              the pool's maxSize, 1–6
 * @param minIdle              the pool's minIdle, mostly 0
 * @param acquireTimeout       200–500 ms, or 800–2000 ms in a quarter of the rounds (and in half
 *                             of the stale-burst closes, see {@link #draw})
 * @param shutdownTimeout      100–600 ms (100–250 ms in half of the stale-burst closes)
 * @param maxLifetime          zero (off) or 300 ms–3 s, to make housekeeping retire connections
 * @param idleTimeout          zero (off) or 100 ms–1.5 s
 * @param platformWorkers      borrowing platform threads, 2–8
 * @param virtualWorkers       borrowing virtual threads, 0 when the JDK has none
 * @param trafficMillis        how long the workers run
 * @param failRate             chance that a driver call throws (tripled for connect, close, isValid, abort and resets)
 * @param hangRate             chance that a driver call hangs first (tripled likewise)
 * @param hangMaxMillis        the longest injected hang, 50 ms–2 s
 * @param errorShare           share of injected throwables that are Errors rather than exceptions
 * @param closeAtMillis        when the pool is closed under load, or -1 to close it at quiescence
 * @param interruptedClose     whether that close is called from an interrupted thread
 * @param secondClose          whether a second thread calls close() at the same time
 * @param busyMillis           with lulls: how long the workers run before all of them pause
 * @param lullMillis           zero (steady traffic) or 550–900 ms: all workers pause this long after
 *                             each busy spell, so idle connections go stale and the next burst
 *                             validates them (and a close under load then lands on such a burst)
 * @param validationHangRate   extra chance that {@code isValid} hangs, as behind a black-holed network
 * @param interruptPauseMillis how long the interrupter pauses between two interrupts of a waiting
 *                             borrower, at most: 150 ms, 1 s (so that some long waits end by
 *                             themselves), or zero for no interrupts
 * @param validationHangMaxMillis the longest of those {@code isValid} hangs, 100–1200 ms: some end
 *                             within the 1 s validation timeout and the borrower's deadline (the
 *                             borrower then gets the connection late, perhaps after a close),
 *                             some outlast them
 * @param listenerFailRate     chance that a callback of the round's {@link PoolListener} throws
 * @param focusCall            in three rounds in four with faults (not the stale-burst closes), one of the pool's own driver
 *                             calls (connect in a third of them, else close, isValid, abort or a
 *                             reset) fails far more often, half of the time with an Error, so that
 *                             every failure path of every one of them is walked often; empty in
 *                             the other rounds. A round whose focus is connect is closed at
 *                             quiescence, never under load
 * @param focusRate            how often the focus call fails, 5–30 %
 * @param quietLulls           whether the workers give back everything they hold when a lull
 *                             begins (traffic that goes quiet), so that the next burst finds
 *                             only stale idle connections; otherwise they keep what they hold
 *                             through it. Always in the stale-burst closes, in half of the other
 *                             rounds with lulls
 * @param evictPauseMillis     in two rounds in three (never in a stale-burst close), each evictor calls {@code pool.evictIdle()}
 *                             after a random pause of up to this long, 20–300 ms, throughout the
 *                             round (through the close too); zero in the others
 * @param evictors             threads calling {@code evictIdle()}, 1 or 2 (concurrent evictions); 0
 *                             when {@code evictPauseMillis} is zero
 * @param suspendPauseMillis   in two rounds in three (never in a stale-burst close), a suspender
 *                             thread calls {@code pool.suspend()} after a random pause of up to
 *                             this long, 30–400 ms, throughout the round (through the close too),
 *                             and {@code pool.resume()} after {@code suspendedMillis} at most; zero
 *                             in the others
 * @param suspendedMillis      the longest a suspension lasts, 10 ms to half the acquire timeout, so
 *                             that most borrowers waiting across it are served when it ends; zero
 *                             when {@code suspendPauseMillis} is
 * @param resizePauseMillis    in two rounds in three (never in a stale-burst close), a resizer
 *                             thread calls {@code pool.resize(n)} with n from 1 to 6 after random
 *                             pauses of up to this long, 10–200 ms, until the traffic stops, and
 *                             leaves the pool at the last size; zero in the others
 */
record TortureParams(long seed, int maxSize, int minIdle, Duration acquireTimeout, Duration shutdownTimeout,
                     Duration maxLifetime, Duration idleTimeout, int platformWorkers, int virtualWorkers,
                     long trafficMillis, double failRate, double hangRate, long hangMaxMillis, double errorShare,
                     long closeAtMillis, boolean interruptedClose, boolean secondClose, long busyMillis,
                     long lullMillis, double validationHangRate,
                     long validationHangMaxMillis, long interruptPauseMillis, double listenerFailRate,
                     String focusCall, double focusRate, boolean quietLulls, long evictPauseMillis, int evictors,
                     long suspendPauseMillis, long suspendedMillis, long resizePauseMillis) {

    /**
     * Draws a round from {@code seed}; virtual workers only when {@code virtualThreads}. One round
     * in four is a <em>close on a stale burst</em>: the workers pause long enough for the idle
     * connections to need validation, the pool is closed just as they come back, many of those
     * validations are slow, and the borrowers are patient and rarely interrupted, so that the
     * close can end while a validation it must not miss is still under way. The other rounds mix
     * everything at random.
     */
    static TortureParams draw(long seed, boolean virtualThreads) {
        Random r = new Random(seed);
        boolean staleBurstClose = r.nextInt(4) == 0;
        int maxSize = 1 + r.nextInt(6);
        int minIdle = r.nextInt(4) == 0 ? r.nextInt(maxSize + 1) : 0;
        // Mostly short waits; a quarter of the rounds wait longer than most closes take.
        boolean longWait = r.nextInt(4) == 0 || (staleBurstClose && r.nextBoolean());
        Duration acquire = Duration.ofMillis(longWait ? 800 + r.nextInt(1201) : 200 + r.nextInt(301));
        Duration shutdown = Duration.ofMillis(staleBurstClose && r.nextBoolean() ? 100 + r.nextInt(151) : 100 + r.nextInt(501));
        Duration lifetime = r.nextBoolean() ? Duration.ZERO : Duration.ofMillis(300 + r.nextInt(2701));
        Duration idle = r.nextBoolean() ? Duration.ZERO : Duration.ofMillis(100 + r.nextInt(1401));
        int platform = 2 + r.nextInt(7);
        // Drawn on every JDK, so that a seed means the same round with and without virtual threads.
        int virtual = r.nextBoolean() ? 2 + r.nextInt(15) : 0;
        if (!virtualThreads) {
            virtual = 0;
        }
        long traffic = 1000 + r.nextInt(1501);
        // One round in ten runs without faults: the pool must also be right when nothing fails.
        boolean faults = r.nextInt(10) != 0;
        double failRate = faults ? r.nextDouble() * 0.04 : 0;
        double hangRate = faults ? r.nextDouble() * 0.01 : 0;
        long hangMax = 50 + r.nextInt(1951);
        double errorShare = r.nextDouble() * 0.4;
        long closeAt = staleBurstClose || r.nextInt(5) < 2 ? 200 + r.nextInt((int) traffic - 200) : -1;
        boolean interrupted = r.nextInt(3) == 0;
        boolean second = r.nextInt(3) == 0;
        long busy = 150 + r.nextInt(251);
        long lull = staleBurstClose || r.nextBoolean() ? 550 + r.nextInt(351) : 0;
        if (lull != 0 && closeAt >= 0) {
            // Close just after a lull: borrowers are then validating connections that went stale.
            long cycle = busy + lull;
            closeAt = Math.min(traffic - 1, cycle * (1 + r.nextInt((int) Math.max(1, traffic / cycle))) + r.nextInt(20));
        }
        double validationHang = !faults ? 0
                : staleBurstClose ? 0.1 + r.nextDouble() * 0.5
                : r.nextBoolean() ? 0.05 + r.nextDouble() * 0.35 : 0;
        long validationHangMax = staleBurstClose ? 300 + r.nextInt(901) : 100 + r.nextInt(1101);
        // Frequent interrupts cut short every long wait: some rounds have them, some not.
        long interruptPause = staleBurstClose ? new long[] {1000, 0}[r.nextInt(2)] : new long[] {150, 1000, 0}[r.nextInt(3)];
        // Drawn last, so that the parameters above stay what they were for every seed.
        double listenerFail = r.nextBoolean() ? 0 : r.nextDouble() * 0.2;
        // Not in the stale-burst closes: their slow validations must not be cut short by failures.
        boolean focus = faults && !staleBurstClose && r.nextInt(4) != 0;
        // Connect in a third of them: it is where a slot is claimed, retried and handed over.
        String focusCall = r.nextInt(3) == 0 ? StubFault.CONNECT
                : TortureFaults.LIFECYCLE_CALLS.get(1 + r.nextInt(TortureFaults.LIFECYCLE_CALLS.size() - 1));
        double focusRate = 0.05 + r.nextDouble() * 0.25;
        if (focus && focusCall.equals(StubFault.CONNECT)) {
            // A round that fails many connects ends at quiescence, where the count and capacity
            // checks see whatever the failed connects left behind.
            closeAt = -1;
        }
        boolean quiet = lull != 0 && (staleBurstClose || r.nextBoolean());
        // Drawn after everything above, so that older seeds keep those parameters. Not in the
        // stale-burst closes: an eviction would retire the stale connections they validate.
        long evictPause = staleBurstClose || r.nextInt(3) == 0 ? 0 : 20 + r.nextInt(281);
        int evictors = 1 + r.nextInt(2);
        // Drawn last, for the same reason; not in the stale-burst closes either.
        long suspendPause = staleBurstClose || r.nextInt(3) == 0 ? 0 : 30 + r.nextInt(371);
        long suspended = 10 + r.nextInt((int) acquire.toMillis() / 2 - 9);
        // Drawn last, for the same reason; not in the stale-burst closes: a shrink retires stale connections too.
        long resizePause = staleBurstClose || r.nextInt(3) == 0 ? 0 : 10 + r.nextInt(191);
        return new TortureParams(seed, maxSize, minIdle, acquire, shutdown, lifetime, idle, platform, virtual,
                traffic, failRate, hangRate, hangMax, errorShare, closeAt, interrupted, second, busy, lull,
                validationHang, validationHangMax, interruptPause, listenerFail, focus ? focusCall : "",
                focus ? focusRate : 0, quiet, evictPause, evictPause == 0 ? 0 : evictors, suspendPause,
                suspendPause == 0 ? 0 : suspended, resizePause);
    }

    /** The longest any injected hang lasts. */
    long longestHangMillis() {
        return Math.max(hangMaxMillis, validationHangMaxMillis);
    }

    /** Whether the pool is closed while the workers still use it. */
    boolean closesUnderLoad() {
        return closeAtMillis >= 0;
    }

    /**
     * Whether the workers are to pause at {@code sinceStart} nanoseconds into the traffic, and
     * until when (nanoseconds into the traffic); zero when they may run.
     */
    long lullEndsAt(long sinceStart) {
        if (lullMillis == 0) {
            return 0;
        }
        long cycle = TimeUnit.MILLISECONDS.toNanos(busyMillis + lullMillis);
        long phase = sinceStart % cycle;
        return phase < TimeUnit.MILLISECONDS.toNanos(busyMillis) ? 0 : sinceStart - phase + cycle;
    }

    /** One line for failure messages. */
    String describe() {
        return String.format("maxSize=%d minIdle=%d acquireTimeout=%dms shutdownTimeout=%dms maxLifetime=%dms "
                        + "idleTimeout=%dms workers=%d platform + %d virtual, traffic %dms, faults: fail %.2f%% "
                        + "hang %.2f%% (<= %dms, isValid +%.0f%% <= %dms) errors %.0f%%%s, listener throws %.0f%%, "
                        + "lulls %s, interrupts %s, evictIdle %s, suspend %s, resize %s, close %s%s%s",
                maxSize, minIdle, acquireTimeout.toMillis(), shutdownTimeout.toMillis(), maxLifetime.toMillis(),
                idleTimeout.toMillis(), platformWorkers, virtualWorkers, trafficMillis, failRate * 100,
                hangRate * 100, hangMaxMillis, validationHangRate * 100, validationHangMaxMillis, errorShare * 100,
                focusCall.isEmpty() ? "" : String.format(", %s fails %.0f%% (half Errors)", focusCall, focusRate * 100),
                listenerFailRate * 100,
                lullMillis == 0 ? "none" : lullMillis + "ms after every " + busyMillis + "ms"
                        + (quietLulls ? ", all given back" : ""),
                interruptPauseMillis == 0 ? "none" : "every 20-" + interruptPauseMillis + "ms",
                evictors == 0 ? "none" : "every 0-" + evictPauseMillis + "ms from " + evictors
                        + (evictors == 1 ? " thread" : " threads"),
                suspendPauseMillis == 0 ? "none" : "every 0-" + suspendPauseMillis + "ms for 0-" + suspendedMillis + "ms",
                resizePauseMillis == 0 ? "none" : "to 1-6 every 0-" + resizePauseMillis + "ms",
                closesUnderLoad() ? "under load at " + closeAtMillis + "ms" : "at quiescence",
                interruptedClose ? " from an interrupted thread" : "", secondClose ? " twice at once" : "");
    }
}
