package io.credpool.internal.pool;

/** Who borrowed a connection and where, kept only while leak detection is on. */
final class LeakRecord {

    final long borrowedAt;
    final String thread;
    /** The stack of the borrow; never thrown, only logged. */
    final Throwable stack;
    volatile boolean reported;

    LeakRecord(long borrowedAt, String thread) {
        this.borrowedAt = borrowedAt;
        this.thread = thread;
        this.stack = new Throwable("Connection borrowed here, by thread " + thread);
    }
}
