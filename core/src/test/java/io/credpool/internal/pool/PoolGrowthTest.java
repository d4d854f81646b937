package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Growth answers every waiter while the pool is below its maximum, and opens no more than demand asks for. */
class PoolGrowthTest {

    /**
     * A connection comes back just as two borrowers arrive: one takes it, and the other must get
     * a new connection although the returned one made growth look unneeded for a moment.
     */
    @Test
    void aWaiterBeatenToAReturnedConnectionByANewcomerIsStillServed() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 150; round++) {
            String db = newDatabase();
            Pool pool = Engines.start(db, settings(2).withAcquireTimeout(Duration.ofMillis(400))
                    .withShutdownTimeout(Duration.ofMillis(500)), Clock.SYSTEM);
            try {
                Connection returned = pool.acquire();
                CyclicBarrier start = new CyclicBarrier(3);
                CountDownLatch bothServed = new CountDownLatch(2);
                AtomicReference<SQLException> failure = new AtomicReference<>();
                Runnable borrower = () -> {
                    try {
                        start.await();
                        try (Connection c = pool.acquire()) {
                            bothServed.countDown();
                            // Hold on until the other one is served, so the two need two connections.
                            bothServed.await();
                        }
                    } catch (SQLException e) {
                        failure.set(e);
                        bothServed.countDown();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                Thread a = new Thread(borrower);
                Thread b = new Thread(borrower);
                a.start();
                b.start();
                start.await();
                returned.close();
                a.join();
                b.join();
                if (failure.get() != null) {
                    failures.add("round " + round + ": " + failure.get().getMessage());
                }
            } finally {
                pool.close();
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * A borrower handed a new connection comes straight back for another: the connect that served
     * it must not look, to its next borrow, like one still under way for it. The window is a few
     * instructions in the connector thread; thousands of rounds hit it within seconds when it is
     * open (it was: the borrow waited for its timeout with the pool below its maximum).
     */
    @Test
    void aBorrowerComingBackAtOnceForAnotherConnectionGetsANewOne() throws Exception {
        List<String> failures = new ArrayList<>();
        Pool pool = Engines.start(newDatabase(), settings(4).withAcquireTimeout(Duration.ofMillis(200)), Clock.SYSTEM);
        try {
            for (int round = 0; round < 20_000 && failures.isEmpty(); round++) {
                List<Connection> held = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        held.add(pool.acquire());
                    }
                } catch (SQLException e) {
                    failures.add("round " + round + ", borrow " + (held.size() + 1) + ": " + e.getMessage());
                } finally {
                    for (Connection c : held) {
                        c.close();
                    }
                }
                // Every round connects afresh.
                pool.evictIdle();
                awaitTotal(pool, 0);
            }
        } finally {
            pool.close();
        }
        assertEquals(List.of(), failures);
    }

    /**
     * {@code evictIdle()} under {@code minIdle}: the closes end on several closer threads at once,
     * and each asks for growth. Together they must open {@code minIdle} connections, not one more
     * (an extra one stayed idle until the idle timeout).
     */
    @Test
    void closesEndingAtOnceRefillMinIdleWithoutAConnectionTooMany() throws Exception {
        // Four closer threads (as many as a pool of this size gets) for four connections.
        Pool pool = Engines.start(newDatabase(), settings(8).withMinIdle(4), Clock.SYSTEM);
        try {
            for (int round = 0; round < 5_000; round++) {
                pool.evictIdle();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!(pool.stats().idle() == 4 && pool.stats().total() == 4) && System.nanoTime() - deadline < 0) {
                    Thread.yield();
                }
                assertEquals(List.of(4, 4), List.of(pool.stats().total(), pool.stats().idle()),
                        "round " + round + ": " + pool.stats());
            }
        } finally {
            pool.close();
        }
    }

    private static void awaitTotal(Pool pool, int total) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (pool.stats().total() != total) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the pool did not settle at " + total + " connections: " + pool.stats());
            }
            Thread.yield();
        }
    }
}
