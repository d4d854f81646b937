package io.credpool.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;

/**
 * One of the pool's {@code maxSize} places for a physical connection. Slots are made once, so
 * the pool can never hold more connections than it has slots, and their indexes link the idle
 * stacks without allocating.
 *
 * <p>Ownership: whoever moved a slot out of {@link #EMPTY} (a connector), popped it from an idle
 * stack, or received it in a hand-off owns it, and only the owner touches the fields below
 * other than {@link #state} and {@link #leak}. Publication happens through the idle stack's CAS
 * or the waiter's CAS.
 */
final class Slot {

    /** No physical connection; free for a connector to claim. */
    static final int EMPTY = 0;
    /** Claimed by a connector that is opening (or will retry opening) a connection. */
    static final int CONNECTING = 1;
    /** In an idle stack, ready to be borrowed. */
    static final int IDLE = 2;
    /** Borrowed, or being handed to a waiter. */
    static final int IN_USE = 3;
    /** Its connection is being closed; becomes {@link #EMPTY} when done. */
    static final int CLOSING = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Idle-stack link: index + 1 of the slot below this one, 0 at the bottom. */
    int next;

    Connection raw;
    long createdAt;
    long expiresAt;
    long lastAccess;
    /** The connection raised a fatal error or was aborted: close it instead of reusing it. */
    boolean evict;
    final Session session = new Session();
    /** Where the current borrow came from, when leak detection is on. */
    volatile LeakRecord leak;
    /** Background connect attempts since the last success, for the backoff. */
    int attempt;
    /** A background retry is scheduled for this CONNECTING slot. */
    volatile boolean retryPending;

    Slot(int index) {
        this.index = index;
    }

    int state() {
        return (int) STATE.getVolatile(this);
    }

    boolean claim(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    /** A state change only statistics read: no fence on the hot path. */
    void mark(int state) {
        STATE.setOpaque(this, state);
    }

    void set(int state) {
        STATE.setVolatile(this, state);
    }

    @Override
    public String toString() {
        return "Slot[" + index + ", state=" + state() + "]";
    }
}
