package io.credpool.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;

/**
 * One of the pool's places for a physical connection. A slot is made once and keeps its index
 * for good, so indexes link the idle stacks without allocating; only slots below the pool's
 * {@code maxSize} are claimed, so the pool never holds more connections than that (connects in
 * flight included), except that after {@code resize} lowered it the slots above it keep their
 * connections until they come back and are retired.
 *
 * <h2>States</h2>
 * <pre>
 *            claimEmpty (any thread, CAS)             install + offer (connector)
 *   EMPTY ─────────────────────────────▶ CONNECTING ──────────────────────────────▶ IDLE or IN_USE
 *     ▲                                      │ abandon (connector, or close(); CAS)
 *     ├──────────────────────────────────────┘
 *     │
 *     │  finishClose (closer thread) or            retire (the owner)
 *     │  abandonClose (housekeeper, close());  ◀──────────────────────── CLOSING ◀── IDLE / IN_USE
 *     │  both CAS {@link #closing}
 *
 *   IDLE ── pop (borrower; the stack's CAS transfers ownership) ──▶ IN_USE
 *   IDLE ── takeAll (housekeeper eviction, close(); stack CAS) ──▶ owned: retired, or pushed back
 *   IN_USE ── release (the lease's one winning close; {@link Lending#offer}) ──▶ IDLE, or IN_USE handed to a waiter
 * </pre>
 *
 * <h2>Ownership</h2>
 * Whoever moved a slot out of {@link #EMPTY} (a connector), popped it from an idle stack,
 * detached it with {@code takeAll}, received it in a hand-off, or holds its lease owns it (a lease is {@link #lease}'s current
 * number, kept by the borrower's {@link ConnectionProxy}; the one {@link #endLease} that moves the
 * number on passes ownership back to the pool); only
 * the owner writes {@link #raw}, {@link #expiresAt}, {@link #lastBorrowed}, {@link #idleSince},
 * {@link #attempt}, {@link #generation} and the {@link #session}. Ownership passes through a CAS (idle stack head,
 * waiter item, {@link #lease}), which also publishes those fields. Other threads may write only
 * the volatile fields: {@link #evict} (a proxy that saw a fatal error, {@code close()} aborting
 * it, {@code resize} lowering the maximum below it), {@link #leak} (the housekeeper marks it reported), {@link #retryPending},
 * {@link #closing} (through CAS) and {@link #lease} (through {@link #endLease}'s CAS, by whichever
 * thread closes the borrower's handle).
 *
 * <p>{@link #state} is exact for {@code EMPTY}, {@code CONNECTING} and {@code CLOSING}, which
 * decide capacity; {@code IDLE} and {@code IN_USE} are written without a fence on the hot path
 * and are for statistics, and for {@code close()}, which waits for every slot that is neither
 * empty nor stacked.
 */
final class Slot {

    /** No physical connection; free for a connector to claim. */
    static final int EMPTY = 0;
    /** Claimed by a connector that is opening (or will retry opening) a connection. */
    static final int CONNECTING = 1;
    /** In an idle stack, ready to be borrowed (or just popped, not yet marked). */
    static final int IDLE = 2;
    /** Owned by a borrower (being validated, borrowed, being returned) or handed to a waiter. */
    static final int IN_USE = 3;
    /** Its connection is being closed on the closer; becomes {@link #EMPTY} when that ends or is abandoned. */
    static final int CLOSING = 4;

    private static final VarHandle STATE;
    private static final VarHandle CLOSING_RAW;
    private static final VarHandle LEASE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Slot.class, "state", int.class);
            CLOSING_RAW = lookup.findVarHandle(Slot.class, "closing", Connection.class);
            LEASE = lookup.findVarHandle(Slot.class, "lease", long.class);
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
    long expiresAt;
    /** When it was last lent (or validated, or opened): the connection was known to work then. */
    long lastBorrowed;
    /** About when it was last returned, from the pool's coarse clock: for the idle timeout. */
    long idleSince;
    /**
     * Why the connection must be closed instead of reused (it raised a fatal error, could not be
     * reset, or was aborted), as {@code PoolListener.evicted} reports it; null while it may be reused.
     */
    volatile String evict;
    final Session session = new Session();
    /** Where the current borrow came from, when leak detection is on. */
    volatile LeakRecord leak;
    /** Background connect attempts since the last success, for the backoff. */
    int attempt;
    /** The pool's eviction generation when its connect began; an older one is never lent again. */
    int generation;
    /** A background retry is scheduled for this CONNECTING slot. */
    volatile boolean retryPending;
    /** While CLOSING: the connection the closer is closing; whoever clears it frees the slot. */
    @SuppressWarnings("unused") // accessed through CLOSING_RAW
    private volatile Connection closing;
    /** While CLOSING: when the close was handed to the closer, from {@link System#nanoTime()}. */
    volatile long closingSince;
    /**
     * The number of the current lease: a {@link ConnectionProxy} made for this slot keeps the number
     * it was issued and is open while they are equal. Only {@link #endLease} changes it, by one, so
     * a number is never issued twice (a long does not wrap in any pool's lifetime).
     */
    @SuppressWarnings("unused") // accessed through LEASE
    private volatile long lease;

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

    /** Moves an owned slot to CLOSING for {@code c}; the slot is freed by {@link #closed}. */
    void closing(Connection c, long now) {
        closingSince = now;
        CLOSING_RAW.setVolatile(this, c);
        set(CLOSING);
    }

    /** Frees the slot if it is still closing {@code c}: true for exactly one caller per close. */
    boolean closed(Connection c) {
        if (CLOSING_RAW.compareAndSet(this, c, null)) {
            set(EMPTY);
            return true;
        }
        return false;
    }

    /** The number a new lease of this slot gets; read by the owner that is lending it. */
    long lease() {
        return (long) LEASE.getVolatile(this);
    }

    /** Whether lease {@code number} still lasts; any thread may ask. */
    boolean leased(long number) {
        return (long) LEASE.getVolatile(this) == number;
    }

    /**
     * Ends lease {@code number}: true for exactly one caller while it lasts, who then owns the slot
     * and must return it; false once it has ended, so any number of racing closes return it once.
     */
    boolean endLease(long number) {
        return LEASE.compareAndSet(this, number, number + 1);
    }

    /** The connection being closed, or {@code null}. */
    Connection closingConnection() {
        return (Connection) CLOSING_RAW.getVolatile(this);
    }

    @Override
    public String toString() {
        return "Slot[" + index + ", state=" + state() + "]";
    }
}
