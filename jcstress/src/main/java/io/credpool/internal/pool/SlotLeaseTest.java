package io.credpool.internal.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * Two threads close the same connection handle, which is {@code endLease(n)} on its slot with the
 * handle's lease number: exactly one ends the lease (and returns the slot), and afterwards the
 * slot's lease is {@code n + 1}, so the handle counts as closed and the next borrower's is open.
 * Results are {@code actor1 ended it, actor2 ended it, the next lease is current}.
 */
@JCStressTest
@Outcome(id = "true, false, true", expect = ACCEPTABLE, desc = "actor1 ended the lease")
@Outcome(id = "false, true, true", expect = ACCEPTABLE, desc = "actor2 ended the lease")
@Outcome(expect = FORBIDDEN, desc = "both or neither ended it (a double or a lost return), or the number did not move on by one")
@State
public class SlotLeaseTest {

    private final Slot slot = new Slot(0);
    private final long lease = slot.lease();

    @Actor
    public void actor1(ZZZ_Result r) {
        r.r1 = slot.endLease(lease);
    }

    @Actor
    public void actor2(ZZZ_Result r) {
        r.r2 = slot.endLease(lease);
    }

    @Arbiter
    public void arbiter(ZZZ_Result r) {
        r.r3 = !slot.leased(lease) && slot.leased(lease + 1);
    }
}
