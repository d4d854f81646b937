package io.credpool.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A borrower parked in {@link Lending}'s FIFO queue. Whoever wins the CAS on {@link #item}
 * decides its fate: a returning thread or a connector hands it a slot, {@code close()} hands it
 * {@link #CLOSED}, or the borrower itself gives up with {@link #CANCELLED} (timed out,
 * interrupted, told of a rejected login, or it took an idle slot itself).
 */
final class Waiter {

    static final Object CANCELLED = new Object();
    static final Object CLOSED = new Object();

    private static final VarHandle ITEM;

    static {
        try {
            ITEM = MethodHandles.lookup().findVarHandle(Waiter.class, "item", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /**
     * From when ({@link System#nanoTime()}) a returned slot is handed to it rather than left up for
     * grabs: its start plus the starvation limit for its kind of thread.
     */
    final long owedFrom;
    volatile Object item;

    Waiter(Thread thread, long owedFrom) {
        this.thread = thread;
        this.owedFrom = owedFrom;
    }

    /** Gives {@code x} to this waiter and wakes it; false when it already has something or gave up. */
    boolean offer(Object x) {
        if (ITEM.compareAndSet(this, null, x)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    /** Gives up waiting; false when something was handed over first. */
    boolean cancel() {
        return ITEM.compareAndSet(this, null, CANCELLED);
    }
}
