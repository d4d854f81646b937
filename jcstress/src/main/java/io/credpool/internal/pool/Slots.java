package io.credpool.internal.pool;

/**
 * Helpers shared by the jcstress tests: slots named A, B, C… by index, and single-threaded
 * readers of an {@link IdleStacks} for arbiters. The readers stop after {@link #LIMIT} slots and
 * end the string with {@code !}, so a stack corrupted into a cycle shows as a forbidden outcome
 * instead of hanging the run.
 */
final class Slots {

    static final int LIMIT = 8;

    private Slots() {
    }

    /** {@code n} fresh slots, indexes 0 to n - 1. */
    static Slot[] make(int n) {
        Slot[] slots = new Slot[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new Slot(i);
        }
        return slots;
    }

    /** A for slot 0, B for slot 1…; {@code -} for none. */
    static String name(Slot s) {
        return s == null ? "-" : String.valueOf((char) ('A' + s.index));
    }

    /** Pops everything left (home 0, stealing from the other stripes): top to bottom, {@code -} when empty. */
    static String drain(IdleStacks stacks) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < LIMIT; i++) {
            Slot s = stacks.pop(0);
            if (s == null) {
                return out.length() == 0 ? "-" : out.toString();
            }
            out.append(name(s));
        }
        return out.append('!').toString();
    }

    /** The detached chain from {@code top} down, as {@link IdleStacks#takeAll} returned it; {@code -} for none. */
    static String chain(IdleStacks stacks, Slot top) {
        if (top == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (Slot s = top; s != null; s = stacks.below(s)) {
            if (out.length() == LIMIT) {
                return out.append('!').toString();
            }
            out.append(name(s));
        }
        return out.toString();
    }
}
