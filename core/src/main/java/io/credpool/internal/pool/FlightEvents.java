package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;

import io.credpool.PoolStats;
import java.util.function.Supplier;

/**
 * Where a pool's JDK Flight Recorder events go. The implementation lives in
 * {@code io.credpool.internal.jfr} and is loaded only when the {@code jdk.jfr} module is there,
 * so a runtime image without it runs the pool unchanged (with no events). Event objects pass
 * through here as {@code Object} for the same reason. Each method first checks whether a
 * recording wants the event, and does nothing more when none does.
 */
public interface FlightEvents {

    /** Starts timing a borrow that could not be served at once; null when no recording wants it. */
    Object acquireBegin();

    /** Ends it: recorded when it took longer than the event's threshold (10 ms unless configured). */
    void acquireEnd(Object event);

    /** Starts timing a physical connect; null when no recording wants it. */
    Object connectBegin();

    /** The connect succeeded. */
    void connectEnd(Object event);

    /** A connect failed, with its redacted reason. */
    void connectFailed(String reason, int attempt);

    /** A borrower waited in vain. */
    void acquireTimeout(long waitedNanos);

    /** The pool closed a connection early, for {@code reason}. */
    void evicted(String reason);

    /** A borrow has lasted longer than the leak threshold. */
    void leak(long heldNanos, String thread);

    /** Starts timing a call of the credential source; null when no recording wants it. */
    Object fetchBegin();

    /** The call returned ({@code ok}) or threw. */
    void fetchEnd(Object event, String provider, boolean ok);

    /** Has {@code stats} recorded periodically while a recording wants pool statistics; until {@link #close()}. */
    void watch(Supplier<PoolStats> stats);

    /** The pool closed: no more periodic statistics for it. */
    void close();

    /**
     * The flight of pool {@code name}: JFR events when {@code jdk.jfr} is present, else null
     * (callers then skip every event).
     */
    static FlightEvents of(String name) {
        try {
            Class<?> c = Class.forName("io.credpool.internal.jfr.JfrFlight", true, FlightEvents.class.getClassLoader());
            return (FlightEvents) c.getConstructor(String.class).newInstance(name);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            Pool.LOG.log(DEBUG, () -> "No JFR events: module jdk.jfr is not available (" + e + ")");
            return null;
        }
    }
}
