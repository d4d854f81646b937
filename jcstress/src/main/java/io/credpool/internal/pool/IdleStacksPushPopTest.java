package io.credpool.internal.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * A push racing a pop: slot A is stacked, actor1 pops while actor2 pushes the slot B it owns.
 * Whichever wins, the popper holds one slot and the stack holds exactly the other: nothing lost,
 * nothing duplicated. Results are {@code popped slot, what the arbiter then drains}.
 */
public class IdleStacksPushPopTest {

    private IdleStacksPushPopTest() {
    }

    /** One stack: the pop gets A (pushed B stays) or, LIFO, the freshly pushed B (A stays). */
    @JCStressTest
    @Outcome(id = "A, B", expect = ACCEPTABLE, desc = "pop first: got A, B stacked after")
    @Outcome(id = "B, A", expect = ACCEPTABLE, desc = "push first: got B from the top, A still stacked")
    @Outcome(expect = FORBIDDEN, desc = "a slot lost, duplicated, or the pop came back empty")
    @State
    public static class OneStripe {
        private final Slot[] slots = Slots.make(2);
        private final IdleStacks stacks = new IdleStacks(slots, 1);

        public OneStripe() {
            stacks.push(0, slots[0]);
        }

        @Actor
        public void popper(LL_Result r) {
            r.r1 = Slots.name(stacks.pop(0));
        }

        @Actor
        public void pusher() {
            stacks.push(0, slots[1]);
        }

        @Arbiter
        public void arbiter(LL_Result r) {
            r.r2 = Slots.drain(stacks);
        }
    }

    /**
     * Two stripes: A on stripe 1, both actors at home on stripe 0. The pop gets B from its home
     * stripe if the push landed first, else it steals A from stripe 1.
     */
    @JCStressTest
    @Outcome(id = "A, B", expect = ACCEPTABLE, desc = "home stripe empty: stole A, B stacked after")
    @Outcome(id = "B, A", expect = ACCEPTABLE, desc = "push first: got B at home, A still on stripe 1")
    @Outcome(expect = FORBIDDEN, desc = "a slot lost, duplicated, or the pop came back empty")
    @State
    public static class TwoStripes {
        private final Slot[] slots = Slots.make(2);
        private final IdleStacks stacks = new IdleStacks(slots, 2);

        public TwoStripes() {
            stacks.push(1, slots[0]);
        }

        @Actor
        public void popper(LL_Result r) {
            r.r1 = Slots.name(stacks.pop(0));
        }

        @Actor
        public void pusher() {
            stacks.push(0, slots[1]);
        }

        @Arbiter
        public void arbiter(LL_Result r) {
            r.r2 = Slots.drain(stacks);
        }
    }
}
