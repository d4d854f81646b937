package io.credpool.internal.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The ABA problem of Treiber stacks with reused nodes, which the stamp in each head rules out.
 * The stack holds A over B over C. actor1 pops twice and pushes its first slot back (keeping the
 * second), as a borrower that returns one connection while holding another does; actor2 pops
 * once. Without the stamp, actor2 could read head A with A's link to B, stall while actor1 pops
 * A and B and pushes A back, then win its CAS because the head is "A" again and install B, which
 * actor1 holds, as the new top: B lent twice. Results are {@code slot actor1 keeps, slot actor2
 * got, what the arbiter then drains}; each of A, B, C must appear exactly once, and the four
 * serial orders are the only outcomes.
 */
public class IdleStacksAbaTest {

    private IdleStacksAbaTest() {
    }

    /** All on one stack. */
    @JCStressTest
    @Outcome(id = "C, A, B", expect = ACCEPTABLE, desc = "actor2 popped before actor1")
    @Outcome(id = "C, B, A", expect = ACCEPTABLE, desc = "actor2 popped between actor1's two pops")
    @Outcome(id = "B, C, A", expect = ACCEPTABLE, desc = "actor2 popped after actor1's pops, before the push")
    @Outcome(id = "B, A, C", expect = ACCEPTABLE, desc = "actor2 popped after actor1 pushed A back")
    @Outcome(expect = FORBIDDEN, desc = "a slot held twice, lost, or the stack corrupted (ABA)")
    @State
    public static class OneStripe {
        private final Slot[] slots = Slots.make(3);
        private final IdleStacks stacks = new IdleStacks(slots, 1);

        public OneStripe() {
            stacks.push(0, slots[2]);
            stacks.push(0, slots[1]);
            stacks.push(0, slots[0]);
        }

        @Actor
        public void actor1(LLL_Result r) {
            Slot first = stacks.pop(0);
            Slot kept = stacks.pop(0);
            stacks.push(0, first);
            r.r1 = Slots.name(kept);
        }

        @Actor
        public void actor2(LLL_Result r) {
            r.r2 = Slots.name(stacks.pop(0));
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = Slots.drain(stacks);
        }
    }

    /** All on stripe 0 of two; actor2 is at home on the empty stripe 1 and steals from stripe 0. */
    @JCStressTest
    @Outcome(id = "C, A, B", expect = ACCEPTABLE, desc = "actor2 stole before actor1 popped")
    @Outcome(id = "C, B, A", expect = ACCEPTABLE, desc = "actor2 stole between actor1's two pops")
    @Outcome(id = "B, C, A", expect = ACCEPTABLE, desc = "actor2 stole after actor1's pops, before the push")
    @Outcome(id = "B, A, C", expect = ACCEPTABLE, desc = "actor2 stole after actor1 pushed A back")
    @Outcome(expect = FORBIDDEN, desc = "a slot held twice, lost, or the stack corrupted (ABA)")
    @State
    public static class TwoStripes {
        private final Slot[] slots = Slots.make(3);
        private final IdleStacks stacks = new IdleStacks(slots, 2);

        public TwoStripes() {
            stacks.push(0, slots[2]);
            stacks.push(0, slots[1]);
            stacks.push(0, slots[0]);
        }

        @Actor
        public void actor1(LLL_Result r) {
            Slot first = stacks.pop(0);
            Slot kept = stacks.pop(0);
            stacks.push(0, first);
            r.r1 = Slots.name(kept);
        }

        @Actor
        public void actor2(LLL_Result r) {
            r.r2 = Slots.name(stacks.pop(1));
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = Slots.drain(stacks);
        }
    }
}
