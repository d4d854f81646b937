package io.credpool.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One {@code isValid} call made on a validator thread while the borrower waits for it, so that a
 * driver that overstays its timeout (a black-holed network, a timeout counted in whole seconds)
 * cannot hold a borrower past its deadline. Whoever moves {@link #state} out of
 * {@link #PENDING} decides: the validator reports a result and the borrower keeps the slot, or
 * the borrower gives up and the slot passes to the validator's {@code orphan} handler.
 */
final class Validation implements Runnable {

    private static final int PENDING = 0;
    private static final int VALID = 1;
    private static final int INVALID = 2;
    private static final int ABANDONED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Validation.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Takes a slot whose borrower stopped waiting for its validation. */
    @FunctionalInterface
    interface Orphans {
        void take(Slot s, boolean valid);
    }

    private final Slot slot;
    private final int seconds;
    private final Thread borrower;
    private final Orphans orphans;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    Validation(Slot slot, int seconds, Orphans orphans) {
        this.slot = slot;
        this.seconds = seconds;
        this.borrower = Thread.currentThread();
        this.orphans = orphans;
    }

    /** Asks the driver; any throwable means invalid. */
    static boolean check(Slot s, int seconds) {
        try {
            return s.raw.isValid(seconds);
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public void run() {
        boolean valid = check(slot, seconds);
        if (STATE.compareAndSet(this, PENDING, valid ? VALID : INVALID)) {
            LockSupport.unpark(borrower);
        } else {
            orphans.take(slot, valid);
        }
    }

    /**
     * Waits until the result is in or {@code until} ({@link System#nanoTime()}) passes, or the
     * thread is interrupted (the interrupt stays set). True only for a valid connection; on
     * false the caller owns the slot only if {@link #abandoned()} is false.
     */
    boolean await(long until) {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if (s != PENDING) {
                return s == VALID;
            }
            long remaining = until - System.nanoTime();
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                if (STATE.compareAndSet(this, PENDING, ABANDONED)) {
                    return false;
                }
                continue;
            }
            LockSupport.parkNanos(this, remaining);
        }
    }

    /** Whether the borrower gave up and the slot went to the orphan handler. */
    boolean abandoned() {
        return (int) STATE.getVolatile(this) == ABANDONED;
    }
}
