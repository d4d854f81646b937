package io.credpool.internal.pool;

import static io.credpool.internal.pool.ProxyPools.assertCounts;
import static io.credpool.internal.pool.ProxyPools.physical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.credpool.ConnectionPool;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One borrowed connection closed or aborted by several threads at the same moment (the owner and
 * a watchdog, say) goes back to the pool exactly once. Each round races the calls on a pool of one
 * connection; a second return would let the pool lend that connection to two holders at once.
 */
class LeaseRaceTest {

    private static final int ROUNDS = 1000;
    private static final Executor DIRECT = Runnable::run;

    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // The pools below are closed only when the test passes: closing a pool that took one
    // connection back twice never ends, as its idle stack then holds that connection above itself.

    @Test
    void concurrentClosesReturnTheConnectionOnce() throws Exception {
        ConnectionPool pool = ProxyPools.stub();
        for (int round = 0; round < ROUNDS; round++) {
            Connection c = pool.getConnection();
            if (round % 2 == 0) {
                race(c::close, c::close);
            } else {
                race(c::close, c::close, c::close);
            }
            assertCounts(pool, 1, 0, 1);
        }
        assertLentToOneHolderAtATime(pool);
        assertEquals(1, pool.stats().created());
        pool.close();
    }

    @Test
    void abortRacingCloseReturnsTheConnectionOnce() throws Exception {
        ConnectionPool pool = ProxyPools.stub();
        int aborted = 0;
        Connection c = pool.getConnection();
        for (int round = 0; round < ROUNDS / 2; round++) {
            StubConnection before = physical(c);
            Connection lease = c;
            if (round % 2 == 0) {
                race(() -> lease.abort(DIRECT), lease::close);
            } else {
                race(lease::close, () -> lease.abort(DIRECT), lease::close);
            }
            if (before.isClosed()) {
                aborted++;
            }
            // An aborted connection is replaced; the next borrow waits for the replacement.
            c = pool.getConnection();
            assertFalse(physical(c).isClosed(), "round " + round + ": lent an aborted connection");
            assertCounts(pool, 1, 1, 0);
            assertEquals(aborted, pool.stats().closed(), "round " + round + ": connections closed");
            assertEquals(aborted + 1, pool.stats().created(), "round " + round + ": connections opened");
        }
        c.close();
        assertLentToOneHolderAtATime(pool);
        pool.close();
    }

    /** Runs the calls on different threads, released together once all have started; waits for all. */
    private void race(ProxyPools.SqlCall... calls) throws Exception {
        AtomicInteger started = new AtomicInteger();
        List<Future<Void>> done = new ArrayList<>();
        for (ProxyPools.SqlCall call : calls) {
            Callable<Void> task = () -> {
                started.incrementAndGet();
                while (started.get() < calls.length) {
                    Thread.onSpinWait();
                }
                call.run();
                return null;
            };
            done.add(threads.submit(task));
        }
        for (Future<Void> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    /** With the one connection borrowed, another borrower must wait, not get the same connection. */
    private static void assertLentToOneHolderAtATime(ConnectionPool pool) throws SQLException {
        try (Connection holder = pool.getConnection()) {
            try (Connection second = pool.getConnection()) {
                fail("lent " + physical(second) + " to a second holder while " + physical(holder) + " is borrowed");
            } catch (SQLTransientConnectionException expected) {
                // the acquire timeout: nothing else to lend
            }
        }
    }
}
