package io.credpool.internal.pool;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The idle connections: a few lock-free LIFO stacks of slots, so the most recently returned
 * connection is borrowed first and the rest can idle out. A thread pushes to and pops from its
 * home stack (chosen by thread id) and steals from the others when its own is empty, so threads
 * on different cores rarely fight over one head.
 *
 * <p>Each head is a long: the top slot's index + 1 in the low 32 bits (0 = empty) and a stamp
 * in the high 32 bits that changes on every update, which rules out the ABA problem of Treiber
 * stacks whose nodes are reused. Slots link through {@link Slot#next}; nothing is allocated.
 *
 * <p>A popped slot belongs to whoever popped it; nobody else may change a stacked slot, which is
 * why the housekeeper detaches a whole stack with {@link #takeAll} to look at it.
 */
final class IdleStacks {

    /** Longs between two heads: 128 bytes, so heads never share a cache line. */
    private static final int PAD = 16;
    private static final long INDEX_MASK = 0xFFFF_FFFFL;

    private final AtomicLongArray heads;
    /** Volatile for {@link #grow}; read once per pop, which costs nothing more than a plain read on x86. */
    private volatile Slot[] slots;
    private final int mask;

    IdleStacks(Slot[] slots, int stripes) {
        int n = Integer.highestOneBit(Math.max(1, stripes));
        this.slots = slots;
        this.mask = n - 1;
        this.heads = new AtomicLongArray((n + 1) * PAD);
    }

    /**
     * Stacks for a pool of {@code maxSize}: about four per core, never more than the slots. Two per
     * core let threads on different cores share a head often enough to show in the p99 under JMH
     * (8 threads, 2 cores: 391 ns against 120 ns with four); more than four per core makes a thread
     * scan too many empty stacks when threads outnumber connections.
     */
    static int stripesFor(int maxSize) {
        int wanted = Math.min(maxSize, 4 * Runtime.getRuntime().availableProcessors());
        return Integer.highestOneBit(Math.max(1, wanted));
    }

    /**
     * Replaces the slots with {@code more}, the same slots followed by new ones, before any of the
     * new ones can be pushed. The number of stacks stays what the first size gave.
     */
    void grow(Slot[] more) {
        slots = more;
    }

    int stripes() {
        return mask + 1;
    }

    /** The calling thread's home stack. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    int home() {
        return (int) Thread.currentThread().getId() & mask;
    }

    private static int at(int stripe) {
        return (stripe + 1) * PAD;
    }

    /** Pops from the home stack, else from the others in turn; {@code null} when all are empty. */
    Slot pop(int home) {
        for (int i = 0; i <= mask; i++) {
            Slot s = popFrom((home + i) & mask);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private Slot popFrom(int stripe) {
        int at = at(stripe);
        for (;;) {
            long head = heads.get(at);
            int top = (int) (head & INDEX_MASK);
            if (top == 0) {
                return null;
            }
            Slot s = slots[top - 1];
            long next = ((head >>> 32) + 1) << 32 | (s.next & INDEX_MASK);
            if (heads.compareAndSet(at, head, next)) {
                return s;
            }
        }
    }

    /** Whether any stack holds a slot right now. */
    boolean any() {
        for (int i = 0; i <= mask; i++) {
            if ((heads.get(at(i)) & INDEX_MASK) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Pushes an owned slot on the home stack. */
    void push(int home, Slot s) {
        int at = at(home & mask);
        int index = s.index + 1;
        for (;;) {
            long head = heads.get(at);
            s.next = (int) (head & INDEX_MASK);
            if (heads.compareAndSet(at, head, ((head >>> 32) + 1) << 32 | index)) {
                return;
            }
        }
    }

    /**
     * Detaches a whole stack and returns its top slot ({@code null} when empty); follow
     * {@link #below} to walk it. The caller owns every slot in it.
     */
    Slot takeAll(int stripe) {
        int at = at(stripe);
        for (;;) {
            long head = heads.get(at);
            if ((head & INDEX_MASK) == 0) {
                return null;
            }
            if (heads.compareAndSet(at, head, ((head >>> 32) + 1) << 32)) {
                return slots[(int) (head & INDEX_MASK) - 1];
            }
        }
    }

    /** The slot below {@code s} in a detached chain, or {@code null}. */
    Slot below(Slot s) {
        return s.next == 0 ? null : slots[s.next - 1];
    }

    /**
     * Puts back a chain of owned slots already linked top to bottom through {@link Slot#next}
     * (the bottom's link is overwritten), on top of whatever the stack holds now.
     */
    void pushChain(int stripe, Slot top, Slot bottom) {
        int at = at(stripe);
        for (;;) {
            long head = heads.get(at);
            bottom.next = (int) (head & INDEX_MASK);
            if (heads.compareAndSet(at, head, ((head >>> 32) + 1) << 32 | (top.index + 1))) {
                return;
            }
        }
    }
}
