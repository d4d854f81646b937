package io.credpool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the torture harness knows about one of its own threads (a borrower or a racer), found by
 * the stub's call listener through a thread-local: whether it is using a stale handle right now,
 * and whether it waits in {@code getConnection()} (for the interrupter and the overdue watchdog).
 * Pool threads have none.
 */
final class TortureContext {

    private static final ThreadLocal<TortureContext> CURRENT = new ThreadLocal<>();

    private static final int IDLE = 0;
    private static final int ACQUIRING = 1;
    private static final int INTERRUPTING = 2;

    final String name;
    volatile Thread thread;
    /** Set when the thread's work for the round is over. */
    volatile boolean finished;
    /** The stale call under way on this thread, e.g. {@code stale ResultSet.next()}; {@code null} when none. */
    volatile String stale;
    /** When the current {@code getConnection()} began ({@link System#nanoTime()}), or 0. */
    volatile long acquireStart;
    /** When the last {@code getConnection()} began ({@link System#nanoTime()}): kept after it ends. */
    volatile long lastAcquireStart;
    /** The stack of the current {@code getConnection()} once it is overdue, caught by the watchdog. */
    volatile String overdueStack;
    private final AtomicInteger acquireState = new AtomicInteger(IDLE);
    private volatile boolean interruptedByTest;

    TortureContext(String name) {
        this.name = name;
    }

    /** The context of the calling thread, or {@code null} for threads the harness does not own. */
    static TortureContext current() {
        return CURRENT.get();
    }

    /** Makes this the calling thread's context. */
    void attach() {
        thread = Thread.currentThread();
        CURRENT.set(this);
    }

    void detach() {
        CURRENT.remove();
    }

    /** The calling thread is about to call {@code getConnection()}: the interrupter may interrupt it now. */
    void beginAcquire() {
        overdueStack = null;
        interruptedByTest = false;
        acquireStart = System.nanoTime();
        acquireState.set(ACQUIRING);
    }

    /**
     * {@code getConnection()} came back: no interrupt of the test can arrive any more, the
     * interrupt flag is cleared. Whether the test interrupted the call.
     */
    boolean endAcquire() {
        while (!acquireState.compareAndSet(ACQUIRING, IDLE)) {
            // The interrupter is between its compareAndSet and interrupt(): a few instructions.
            Thread.onSpinWait();
        }
        acquireStart = 0;
        Thread.interrupted();
        return interruptedByTest;
    }

    /** Interrupts this context's thread if it is in {@code getConnection()} now; whether it did. */
    boolean interruptIfAcquiring() {
        if (!acquireState.compareAndSet(ACQUIRING, INTERRUPTING)) {
            return false;
        }
        interruptedByTest = true;
        thread.interrupt();
        acquireState.set(ACQUIRING);
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
