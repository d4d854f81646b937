package io.credpool.internal.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

/**
 * Two connectors claim the same {@link Slot#EMPTY} slot with {@code claim(EMPTY, CONNECTING)}:
 * exactly one wins, so one slot never gets two physical connections. Results are {@code actor1
 * won, actor2 won, final state} (1 = {@link Slot#CONNECTING}).
 */
@JCStressTest
@Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "actor1 claimed the slot")
@Outcome(id = "false, true, 1", expect = ACCEPTABLE, desc = "actor2 claimed the slot")
@Outcome(expect = FORBIDDEN, desc = "both or neither claimed it, or the state is not CONNECTING")
@State
public class SlotClaimTest {

    private final Slot slot = new Slot(0);

    @Actor
    public void actor1(ZZI_Result r) {
        r.r1 = slot.claim(Slot.EMPTY, Slot.CONNECTING);
    }

    @Actor
    public void actor2(ZZI_Result r) {
        r.r2 = slot.claim(Slot.EMPTY, Slot.CONNECTING);
    }

    @Arbiter
    public void arbiter(ZZI_Result r) {
        r.r3 = slot.state();
    }
}
