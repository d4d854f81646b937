package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ConnectionPool#evictIdle()}: every connection open when it is called is replaced. */
class EvictIdleTest {

    private static final Duration SOON = Duration.ofSeconds(2);

    /** Hears evictions only. */
    static final class Evictions implements PoolListener {
        final ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();

        @Override
        public void evicted(String reason) {
            reasons.add(reason);
        }
    }

    @Test
    void idleConnectionsAreClosedAtOnceAndTheListenerHearsWhy() throws Exception {
        String db = newDatabase();
        Evictions heard = new Evictions();
        try (ConnectionPool pool = builder(db).maxSize(3).listener(heard).build()) {
            List<StubConnection> idle = borrowAndReturn(pool, 3);
            assertEquals(3, pool.stats().idle());

            pool.evictIdle();

            eventually(SOON, "the idle connections closed", () -> idle.stream().allMatch(StubConnection::isClosed));
            assertEquals(List.of("evicted on request", "evicted on request", "evicted on request"),
                    new ArrayList<>(heard.reasons));
            assertEquals(0, StubPools.behaviour(db).openConnections());
        }
    }

    @Test
    void aBorrowedConnectionServesOnIsClosedWhenReturnedAndIsNeverLentAgain() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(2).build()) {
            List<StubConnection> old = new ArrayList<>(borrowAndReturn(pool, 2));
            Connection held = pool.getConnection();
            StubConnection heldRaw = raw(held);

            pool.evictIdle();

            try (Statement st = held.createStatement()) {
                st.execute("select 1");
            }
            assertFalse(heldRaw.isClosed(), "a borrowed connection is left to its borrower");
            held.close();
            eventually(SOON, "the returned connection closed", heldRaw::isClosed);
            eventually(SOON, "every old connection closed", () -> old.stream().allMatch(StubConnection::isClosed));

            for (StubConnection fresh : borrowAndReturn(pool, 2)) {
                assertFalse(old.contains(fresh), "an old connection was lent again: " + fresh);
            }
        }
    }

    @Test
    void thePoolRefillsToMinIdleAndServesAfterwards() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(3).minIdle(2).build()) {
            eventually(SOON, "minIdle reached", () -> pool.stats().idle() == 2);
            List<StubConnection> before = StubPools.behaviour(db).connections();

            pool.evictIdle();

            eventually(SOON, "minIdle reached again with new connections", () -> pool.stats().idle() == 2
                    && Collections.disjoint(before, StubPools.behaviour(db).connections()));
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                assertTrue(st.execute("select 1"));
                assertFalse(before.contains(raw(c)));
            }
        }
    }

    @Test
    void aConnectionBeingOpenedIsClosedWhenItArrivesAndReplaced() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).connectDelay(Duration.ofMillis(300));
        try (ConnectionPool pool = builder(db).maxSize(2).minIdle(2).build()) {
            eventually(SOON, "the connect for minIdle under way", () -> StubPools.behaviour(db).connectAttempts() == 2);

            pool.evictIdle();

            // The first connection and the one being opened are both replaced: four connects in all.
            eventually(Duration.ofSeconds(3), "two new idle connections",
                    () -> StubPools.behaviour(db).connects() == 4 && pool.stats().idle() == 2);
            Thread.sleep(100);
            assertEquals(4, StubPools.behaviour(db).connects(), pool.toString());
            assertEquals(2, StubPools.behaviour(db).openConnections());
        }
    }

    @Test
    void onAClosedPoolItDoesNothing() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).maxSize(2).build();
        pool.close();
        pool.evictIdle();
        assertTrue(pool.isClosed());
        assertEquals(0, StubPools.behaviour(db).openConnections());
        assertEquals(1, StubPools.behaviour(db).connects(), "no connection opened after close");
    }

    /** Borrows {@code n} connections at once, gives them back, and returns their physical connections. */
    static List<StubConnection> borrowAndReturn(ConnectionPool pool, int n) throws Exception {
        List<Connection> held = new ArrayList<>();
        List<StubConnection> raws = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Connection c = pool.getConnection();
            held.add(c);
            raws.add(raw(c));
        }
        for (Connection c : held) {
            c.close();
        }
        assertEquals(n, Set.copyOf(raws).size());
        return raws;
    }
}
