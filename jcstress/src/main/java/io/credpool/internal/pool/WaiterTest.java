package io.credpool.internal.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZL_Result;

/**
 * A parked borrower's {@link Waiter}: whoever wins the CAS on its item decides its fate, exactly
 * once. Results are {@code actor1 succeeded, actor2 succeeded, the final item}.
 */
public class WaiterTest {

    /** Never started, so {@link Waiter#offer}'s unpark wakes nobody. */
    private static final Thread NOBODY = new Thread(() -> { });

    private WaiterTest() {
    }

    private static String item(Waiter w) {
        Object item = w.item;
        if (item == null) {
            return "null";
        }
        return item == Waiter.CANCELLED ? "CANCELLED" : item.toString();
    }

    /**
     * A releaser offers slot X while the borrower gives up: exactly one succeeds, and the item is
     * X when the offer won (the borrower must take the slot) or CANCELLED when the cancel won (the
     * releaser must keep it). A slot handed to a borrower that left is a leaked connection.
     */
    @JCStressTest
    @Outcome(id = "true, false, X", expect = ACCEPTABLE, desc = "offer won: the borrower has X")
    @Outcome(id = "false, true, CANCELLED", expect = ACCEPTABLE, desc = "cancel won: the releaser keeps X")
    @Outcome(expect = FORBIDDEN, desc = "both or neither succeeded, or the item disagrees with the winner")
    @State
    public static class OfferVersusCancel {
        private final Waiter waiter = new Waiter(NOBODY, 0);

        @Actor
        public void releaser(ZZL_Result r) {
            r.r1 = waiter.offer("X");
        }

        @Actor
        public void borrower(ZZL_Result r) {
            r.r2 = waiter.cancel();
        }

        @Arbiter
        public void arbiter(ZZL_Result r) {
            r.r3 = item(waiter);
        }
    }

    /** Two releasers offer X and Y to one waiter: exactly one hands its slot over. */
    @JCStressTest
    @Outcome(id = "true, false, X", expect = ACCEPTABLE, desc = "X handed over, Y kept")
    @Outcome(id = "false, true, Y", expect = ACCEPTABLE, desc = "Y handed over, X kept")
    @Outcome(expect = FORBIDDEN, desc = "both or neither handed over, or the item is not the winner's")
    @State
    public static class TwoOffers {
        private final Waiter waiter = new Waiter(NOBODY, 0);

        @Actor
        public void releaser1(ZZL_Result r) {
            r.r1 = waiter.offer("X");
        }

        @Actor
        public void releaser2(ZZL_Result r) {
            r.r2 = waiter.offer("Y");
        }

        @Arbiter
        public void arbiter(ZZL_Result r) {
            r.r3 = item(waiter);
        }
    }
}
