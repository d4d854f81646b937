package io.credpool.internal.pool;

/**
 * Where the pool reads the time for the ages it keeps: when a connection was last known to work
 * (the validation bypass), when it expires, how long it has idled, how long it has been borrowed.
 * Tests substitute one they move by hand, so that these rules are checked exactly instead of by
 * sleeping past them. Waiting for a connection is real waiting and always uses
 * {@link System#nanoTime()}.
 */
@FunctionalInterface
interface Clock {

    /** The running JVM's monotonic clock. */
    Clock SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, like {@link System#nanoTime()}. */
    long nanoTime();
}
