package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** {@link ConnectionPool#resize(int)}: the maximum changes at run time, and shrinking loses no borrow. */
class PoolResizeTest {

    private static final Duration SOON = Duration.ofSeconds(3);

    @Test
    void growingServesTheBorrowersWaitingAtOnce() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(1).acquireTimeout(Duration.ofSeconds(10)).build()) {
            Connection first = pool.getConnection();
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            try {
                Future<Connection> waiting = waiter.submit(() -> pool.getConnection());
                eventually(SOON, "a borrower waiting", () -> pool.stats().waiting() == 1);

                pool.resize(3);

                // Long before the 10 s acquire timeout, and while the first connection is still held.
                Connection second = waiting.get(2, TimeUnit.SECONDS);
                Connection third = pool.getConnection();
                assertEquals(3, Set.of(raw(first), raw(second), raw(third)).size());
                assertEquals(3, pool.settings().maxSize());
                assertEquals(3, pool.stats().total());
                for (Connection c : List.of(first, second, third)) {
                    c.close();
                }
            } finally {
                waiter.shutdownNow();
            }
        }
    }

    @Test
    void aGrownPoolStillStopsAtItsNewMaximum() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(2).acquireTimeout(Duration.ofMillis(300)).build()) {
            pool.resize(5);
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(pool.getConnection());
            }
            SQLException timedOut = sqlFailure(pool::getConnection);
            assertTrue(timedOut.getMessage().startsWith("Timed out after 300 ms"), timedOut.getMessage());
            assertEquals(5, StubPools.behaviour(db).maxOpenConnections());
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void shrinkingClosesSurplusIdleConnectionsAtOnce() throws Exception {
        String db = newDatabase();
        EvictIdleTest.Evictions heard = new EvictIdleTest.Evictions();
        try (ConnectionPool pool = builder(db).maxSize(4).listener(heard).build()) {
            EvictIdleTest.borrowAndReturn(pool, 4);
            assertEquals(4, pool.stats().idle());

            pool.resize(1);

            assertEquals(1, pool.settings().maxSize());
            eventually(SOON, "one connection left", () -> StubPools.behaviour(db).openConnections() == 1
                    && pool.stats().total() == 1);
            assertEquals(List.of("pool resized", "pool resized", "pool resized"), new ArrayList<>(heard.reasons));
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                assertTrue(st.execute("select 1"));
            }
        }
    }

    @Test
    void shrinkingLeavesBorrowersAloneAndClosesTheSurplusAsItComesBack() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).maxSize(4).acquireTimeout(Duration.ofMillis(300)).build()) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.getConnection());
            }

            pool.resize(2);

            assertEquals(4, pool.stats().total(), "borrowed connections are not taken away");
            for (Connection c : held) {
                try (Statement st = c.createStatement()) {
                    assertTrue(st.execute("select 1"), "a borrower keeps working after the shrink");
                }
            }
            for (Connection c : held) {
                c.close();
            }
            eventually(SOON, "the two surplus connections closed", () -> stub.openConnections() == 2
                    && pool.stats().total() == 2);

            List<Connection> again = List.of(pool.getConnection(), pool.getConnection());
            SQLException timedOut = sqlFailure(pool::getConnection);
            assertTrue(timedOut.getMessage().contains("total=2"), timedOut.getMessage());
            assertEquals(2, stub.openConnections(), "no connection opened above the new maximum");
            for (Connection c : again) {
                c.close();
            }
        }
    }

    @Test
    void aConnectFinishingAfterAShrinkAboveTheNewMaximumIsClosed() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        EvictIdleTest.Evictions heard = new EvictIdleTest.Evictions();
        try (ConnectionPool pool = builder(db).maxSize(3).minIdle(3).listener(heard).build()) {
            stub.connectDelay(Duration.ofMillis(300));
            eventually(SOON, "connects for minIdle under way", () -> stub.connectAttempts() == 3);

            pool.resize(1);

            eventually(SOON, "the late connections closed", () -> stub.connects() == 3 && stub.openConnections() == 1
                    && pool.stats().total() == 1);
            Thread.sleep(400);
            assertEquals(3, stub.connectAttempts(), "nothing connects again above the maximum");
            assertEquals(1, stub.openConnections());
            assertEquals(2, heard.reasons.stream().filter("pool resized"::equals).count(), heard.reasons.toString());
        }
    }

    @Test
    void minIdleFollowsTheMaximumDownAndComesBackWithIt() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(4).minIdle(3).build()) {
            eventually(SOON, "minIdle reached", () -> pool.stats().idle() == 3);

            pool.resize(2);
            assertEquals(2, pool.settings().minIdle());
            eventually(SOON, "down to two", () -> StubPools.behaviour(db).openConnections() == 2);

            pool.resize(4);
            assertEquals(4, pool.settings().maxSize());
            assertEquals(3, pool.settings().minIdle(), "the builder's minIdle is back");
            eventually(SOON, "minIdle refilled", () -> pool.stats().idle() == 3);
        }
    }

    @Test
    void aLargerPoolConnectsOnMoreThreads() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).maxSize(1).acquireTimeout(Duration.ofSeconds(10)).build()) {
            Connection first = pool.getConnection();
            stub.connectDelay(Duration.ofMillis(500));
            pool.resize(8);
            ExecutorService borrowers = Executors.newFixedThreadPool(7);
            try {
                List<Future<Connection>> waits = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    waits.add(borrowers.submit(() -> pool.getConnection()));
                }
                // Built with maxSize 1 the pool had one connector thread; at 8 it has four, as if built so.
                eventually(SOON, "four connects at once", () -> stub.connectAttempts() - stub.connects() == 4);
                for (Future<Connection> f : waits) {
                    f.get(5, TimeUnit.SECONDS).close();
                }
            } finally {
                borrowers.shutdownNow();
            }
            first.close();
        }
    }

    @Test
    void anImpossibleSizeIsRefusedAndChangesNothing() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(3).build()) {
            for (int size : new int[] {0, -1, 10_001}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.resize(size));
                assertEquals("resize(" + size + "): maxSize must be between 1 and 10000", e.getMessage());
            }
            assertEquals(3, pool.settings().maxSize());
            EvictIdleTest.borrowAndReturn(pool, 3);
        }
    }

    @Test
    void onAClosedPoolItDoesNothing() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).maxSize(2).build();
        pool.close();
        pool.resize(5);
        pool.resize(1);
        assertEquals(2, pool.settings().maxSize());
        assertEquals(1, StubPools.behaviour(db).connects(), "no connection opened after close");
        assertEquals(0, StubPools.behaviour(db).openConnections());
    }

    /**
     * Resizers and borrowers at once, seeded: no connection is lent to two borrowers, none is open
     * above the largest maximum ever set, and once everything is returned the pool settles at
     * the last size and lends exactly that many connections at once.
     */
    @Test
    void concurrentResizesUnderLoadSettleAtTheLastSize() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        long seed = Long.getLong("credpool.resize.seed", System.nanoTime());
        String context = "seed " + seed + " (-Dcredpool.resize.seed=" + seed + " repeats it)";
        try (ConnectionPool pool = builder(db).maxSize(3).acquireTimeout(Duration.ofSeconds(5)).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            Set<StubConnection> lent = ConcurrentHashMap.newKeySet();
            AtomicInteger lastSize = new AtomicInteger(3);
            ReentrantLock order = new ReentrantLock();
            ExecutorService threads = Executors.newFixedThreadPool(10);
            CountDownLatch resizersDone = new CountDownLatch(2);
            for (int r = 0; r < 2; r++) {
                Random random = new Random(seed + r);
                threads.execute(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            int size = 1 + random.nextInt(6);
                            // The sizes are set one after the other: the last one set wins.
                            order.lock();
                            try {
                                pool.resize(size);
                                lastSize.set(size);
                            } finally {
                                order.unlock();
                            }
                            Thread.sleep(random.nextInt(3));
                        }
                    } catch (Throwable t) {
                        problems.add("resizer: " + t);
                    } finally {
                        resizersDone.countDown();
                    }
                });
            }
            for (int b = 0; b < 8; b++) {
                Random random = new Random(seed * 31 + b);
                threads.execute(() -> {
                    while (!stop.get()) {
                        try (Connection c = pool.getConnection()) {
                            StubConnection physical = raw(c);
                            if (!lent.add(physical)) {
                                problems.add("lent twice: " + physical);
                            }
                            if (random.nextInt(4) == 0) {
                                Thread.sleep(1);
                            }
                            lent.remove(physical);
                        } catch (Throwable t) {
                            problems.add("borrower: " + t);
                        }
                    }
                });
            }
            assertTrue(resizersDone.await(30, TimeUnit.SECONDS), context);
            stop.set(true);
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), context);
            assertEquals(List.of(), new ArrayList<>(problems), context);
            assertTrue(stub.maxOpenConnections() <= 6, "at most the largest maximum open: "
                    + stub.maxOpenConnections() + "; " + context);

            int last = lastSize.get();
            assertEquals(last, pool.settings().maxSize(), context);
            eventually(SOON, "settled at " + last + ", " + context, () -> stub.openConnections() <= last
                    && pool.stats().total() == stub.openConnections());
            List<Connection> all = new ArrayList<>();
            for (int i = 0; i < last; i++) {
                all.add(pool.getConnection());
            }
            assertEquals(last, stub.openConnections(), context);
            assertFalse(pool.stats().total() > last, context);
            for (Connection c : all) {
                c.close();
            }
        }
    }
}
