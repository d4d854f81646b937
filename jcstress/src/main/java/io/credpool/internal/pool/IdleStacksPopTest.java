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
 * Two threads pop at once: a slot is never lent twice and never lost. Results are
 * {@code actor1's slot, actor2's slot, what the arbiter then drains} ({@code -} = none).
 */
public class IdleStacksPopTest {

    private IdleStacksPopTest() {
    }

    /** One slot A, one stack: exactly one pop gets A and the stack is then empty. */
    @JCStressTest
    @Outcome(id = "A, -, -", expect = ACCEPTABLE, desc = "actor1 got A")
    @Outcome(id = "-, A, -", expect = ACCEPTABLE, desc = "actor2 got A")
    @Outcome(expect = FORBIDDEN, desc = "A lent twice, lost, or still stacked after being lent")
    @State
    public static class OneSlotOneStripe {
        private final Slot[] slots = Slots.make(1);
        private final IdleStacks stacks = new IdleStacks(slots, 1);

        public OneSlotOneStripe() {
            stacks.push(0, slots[0]);
        }

        @Actor
        public void actor1(LLL_Result r) {
            r.r1 = Slots.name(stacks.pop(0));
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

    /**
     * One slot A on stripe 0 of two: actor1 pops its home stripe 0 while actor2, at home on the
     * empty stripe 1, steals from stripe 0. Exactly one gets A.
     */
    @JCStressTest
    @Outcome(id = "A, -, -", expect = ACCEPTABLE, desc = "actor1 got A from its home stripe")
    @Outcome(id = "-, A, -", expect = ACCEPTABLE, desc = "actor2 stole A")
    @Outcome(expect = FORBIDDEN, desc = "A lent twice, lost, or still stacked after being lent")
    @State
    public static class OneSlotTwoStripes {
        private final Slot[] slots = Slots.make(1);
        private final IdleStacks stacks = new IdleStacks(slots, 2);

        public OneSlotTwoStripes() {
            stacks.push(0, slots[0]);
        }

        @Actor
        public void actor1(LLL_Result r) {
            r.r1 = Slots.name(stacks.pop(0));
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

    /** Slots B over A on one stack: both pops succeed with distinct slots and empty the stack. */
    @JCStressTest
    @Outcome(id = "A, B, -", expect = ACCEPTABLE, desc = "actor2 popped B first")
    @Outcome(id = "B, A, -", expect = ACCEPTABLE, desc = "actor1 popped B first")
    @Outcome(expect = FORBIDDEN, desc = "a slot lent twice, lost, or a pop came back empty")
    @State
    public static class TwoSlotsOneStripe {
        private final Slot[] slots = Slots.make(2);
        private final IdleStacks stacks = new IdleStacks(slots, 1);

        public TwoSlotsOneStripe() {
            stacks.push(0, slots[0]);
            stacks.push(0, slots[1]);
        }

        @Actor
        public void actor1(LLL_Result r) {
            r.r1 = Slots.name(stacks.pop(0));
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

    /**
     * A on stripe 0, B on stripe 1, both actors at home on stripe 0: the one that loses stripe 0
     * steals B from stripe 1. Distinct slots, neither pop empty.
     */
    @JCStressTest
    @Outcome(id = "A, B, -", expect = ACCEPTABLE, desc = "actor1 got A, actor2 stole B")
    @Outcome(id = "B, A, -", expect = ACCEPTABLE, desc = "actor2 got A, actor1 stole B")
    @Outcome(expect = FORBIDDEN, desc = "a slot lent twice, lost, or a pop came back empty")
    @State
    public static class TwoSlotsTwoStripes {
        private final Slot[] slots = Slots.make(2);
        private final IdleStacks stacks = new IdleStacks(slots, 2);

        public TwoSlotsTwoStripes() {
            stacks.push(0, slots[0]);
            stacks.push(1, slots[1]);
        }

        @Actor
        public void actor1(LLL_Result r) {
            r.r1 = Slots.name(stacks.pop(0));
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
}
