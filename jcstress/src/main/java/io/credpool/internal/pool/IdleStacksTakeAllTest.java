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
 * The housekeeper's {@link IdleStacks#takeAll} (and {@link IdleStacks#pushChain}, which puts a
 * detached chain back) racing a borrower's pop and a releaser's push: every slot ends exactly
 * once, in the detached chain, in the borrower's hand, or still stacked. Results are {@code
 * detached chain top to bottom, popped slot, what the arbiter then drains} ({@code -} = none).
 * jcstress needs a CPU per actor and these run on two, so the pop and the push share one actor.
 * The accepted outcomes are those of the serial orders of the single operations; no other
 * interleaving of their reads, writes and CASes may show anything else.
 */
public class IdleStacksTakeAllTest {

    private IdleStacksTakeAllTest() {
    }

    /** B over A on one stack; actor2 pops, then pushes slot C it already held. */
    @JCStressTest
    @Outcome(id = "BA, -, C", expect = ACCEPTABLE, desc = "take, then pop (empty), then push")
    @Outcome(id = "A, B, C", expect = ACCEPTABLE, desc = "pop, take, push")
    @Outcome(id = "CA, B, -", expect = ACCEPTABLE, desc = "pop, push, take")
    @Outcome(expect = FORBIDDEN, desc = "a slot lost, duplicated, or in two places")
    @State
    public static class PopPushOneStripe {
        private final Slot[] slots = Slots.make(3);
        private final IdleStacks stacks = new IdleStacks(slots, 1);

        public PopPushOneStripe() {
            stacks.push(0, slots[0]);
            stacks.push(0, slots[1]);
        }

        @Actor
        public void housekeeper(LLL_Result r) {
            r.r1 = Slots.chain(stacks, stacks.takeAll(0));
        }

        @Actor
        public void borrower(LLL_Result r) {
            r.r2 = Slots.name(stacks.pop(0));
            stacks.push(0, slots[2]);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = Slots.drain(stacks);
        }
    }

    /**
     * A on stripe 0, B on stripe 1; the housekeeper detaches stripe 0 only, actor2 is at home on
     * stripe 0, steals B when stripe 0 is empty, then pushes C on stripe 0.
     */
    @JCStressTest
    @Outcome(id = "-, A, CB", expect = ACCEPTABLE, desc = "pop took A, take found stripe 0 empty, push")
    @Outcome(id = "A, B, C", expect = ACCEPTABLE, desc = "take A, pop stole B, push")
    @Outcome(id = "C, A, B", expect = ACCEPTABLE, desc = "pop took A, push, take C")
    @Outcome(expect = FORBIDDEN, desc = "a slot lost, duplicated, or in two places")
    @State
    public static class PopPushTwoStripes {
        private final Slot[] slots = Slots.make(3);
        private final IdleStacks stacks = new IdleStacks(slots, 2);

        public PopPushTwoStripes() {
            stacks.push(0, slots[0]);
            stacks.push(1, slots[1]);
        }

        @Actor
        public void housekeeper(LLL_Result r) {
            r.r1 = Slots.chain(stacks, stacks.takeAll(0));
        }

        @Actor
        public void borrower(LLL_Result r) {
            r.r2 = Slots.name(stacks.pop(0));
            stacks.push(0, slots[2]);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = Slots.drain(stacks);
        }
    }

    /**
     * B over A on one stack; the housekeeper detaches it and puts the chain back with pushChain
     * while a borrower pops. The popped slot and the stack together hold A and B once each.
     */
    @JCStressTest
    @Outcome(id = "A, B, A", expect = ACCEPTABLE, desc = "pop got B first, A taken and put back")
    @Outcome(id = "BA, -, BA", expect = ACCEPTABLE, desc = "pop while the chain was out: empty")
    @Outcome(id = "BA, B, A", expect = ACCEPTABLE, desc = "pop after the chain was put back")
    @Outcome(expect = FORBIDDEN, desc = "a slot lost, duplicated, or in two places")
    @State
    public static class PutBackOneStripe {
        private final Slot[] slots = Slots.make(2);
        private final IdleStacks stacks = new IdleStacks(slots, 1);

        public PutBackOneStripe() {
            stacks.push(0, slots[0]);
            stacks.push(0, slots[1]);
        }

        @Actor
        public void housekeeper(LLL_Result r) {
            r.r1 = takeAndPutBack(stacks, 0);
        }

        @Actor
        public void borrower(LLL_Result r) {
            r.r2 = Slots.name(stacks.pop(0));
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = Slots.drain(stacks);
        }
    }

    /**
     * A on stripe 0, B on stripe 1; the housekeeper detaches stripe 0 and puts it back while a
     * borrower at home on stripe 0 pops, stealing B when stripe 0 is out.
     */
    @JCStressTest
    @Outcome(id = "-, A, B", expect = ACCEPTABLE, desc = "pop got A first, take found stripe 0 empty")
    @Outcome(id = "A, A, B", expect = ACCEPTABLE, desc = "pop after A was put back")
    @Outcome(id = "A, B, A", expect = ACCEPTABLE, desc = "pop while A was out: stole B")
    @Outcome(expect = FORBIDDEN, desc = "a slot lost, duplicated, or in two places")
    @State
    public static class PutBackTwoStripes {
        private final Slot[] slots = Slots.make(2);
        private final IdleStacks stacks = new IdleStacks(slots, 2);

        public PutBackTwoStripes() {
            stacks.push(0, slots[0]);
            stacks.push(1, slots[1]);
        }

        @Actor
        public void housekeeper(LLL_Result r) {
            r.r1 = takeAndPutBack(stacks, 0);
        }

        @Actor
        public void borrower(LLL_Result r) {
            r.r2 = Slots.name(stacks.pop(0));
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = Slots.drain(stacks);
        }
    }

    /** Detaches {@code stripe}, reads the chain, pushes it back whole; returns what it detached. */
    private static String takeAndPutBack(IdleStacks stacks, int stripe) {
        Slot top = stacks.takeAll(stripe);
        if (top == null) {
            return "-";
        }
        String chain = Slots.chain(stacks, top);
        Slot bottom = top;
        for (int i = 0; i < Slots.LIMIT && stacks.below(bottom) != null; i++) {
            bottom = stacks.below(bottom);
        }
        stacks.pushChain(stripe, top, bottom);
        return chain;
    }
}
