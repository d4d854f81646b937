package io.credpool.internal.pool;

/**
 * Why the pool closes a connection, in the words {@code PoolListener.evicted} documents. The
 * pool compares them by identity.
 */
final class Evictions {

    static final String LIFETIME = "max lifetime";
    static final String IDLE = "idle timeout";
    static final String INVALID = "failed validation";
    static final String BROKEN = "broken";
    static final String ABORTED = "aborted";
    /** A write failed with {@code 25006} on a connection its borrower had not made read-only: the server is read-only. */
    static final String READ_ONLY = "read-only server";
    /** {@code ConnectionPool.evictIdle()} was called while it was open, or being opened. */
    static final String REQUESTED = "evicted on request";
    /** {@code ConnectionPool.resize(int)} lowered the maximum below this connection's slot. */
    static final String RESIZED = "pool resized";
    /** Aborted by the pool's own close: not an eviction, never reported. */
    static final String SHUTDOWN = "shutdown";

    private Evictions() {
    }
}
