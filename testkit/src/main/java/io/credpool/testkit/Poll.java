package io.credpool.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests for something another thread does, by asking every few milliseconds until a
 * deadline: the one polling helper of credpool's tests.
 *
 * <p>Prefer a latch or a future where the code under test offers one; poll where it does not
 * (pool counters, backend counts, a thread's state). An interrupt ends the wait with an
 * {@link AssertionError} and leaves the thread's interrupt flag set.
 *
 * <pre>{@code
 * Poll.eventually(Duration.ofSeconds(2), "idle connections evicted", () -> pool.stats().idle() == 0);
 * }</pre>
 */
public final class Poll {

    /** How long to sleep between two looks. */
    static final long INTERVAL_MILLIS = 5;

    private Poll() {
    }

    /**
     * Returns as soon as {@code condition} is true; fails when it is still false after {@code timeout}.
     *
     * @param timeout   how long to wait at most
     * @param what      what is awaited, for the failure message
     * @param condition asked until it returns true (at least once, even with a zero timeout)
     * @throws AssertionError {@code timed out after <timeout> waiting for: <what>}, or interrupted
     */
    public static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        if (!within(timeout, what, condition)) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
        }
    }

    /**
     * Whether {@code condition} became true within {@code timeout}: for a test that decides itself
     * what a timeout means.
     *
     * @param timeout   how long to wait at most
     * @param what      what is awaited, for the message when interrupted
     * @param condition asked until it returns true (at least once, even with a zero timeout)
     * @return true as soon as the condition holds, false when the timeout passed first
     * @throws AssertionError when the waiting thread is interrupted
     */
    public static boolean within(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
        return true;
    }
}
