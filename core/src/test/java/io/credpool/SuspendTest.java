package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ConnectionPool#suspend()} and {@link ConnectionPool#resume()}, for CRaC and SnapStart. */
class SuspendTest {

    private static final Duration SOON = Duration.ofSeconds(2);

    @Test
    void idleConnectionsAreClosedWhenSuspendReturnsAndABorrowedOneWhenReturned() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(3).build()) {
            List<StubConnection> idle = new ArrayList<>(EvictIdleTest.borrowAndReturn(pool, 3));
            Connection held = pool.getConnection();
            StubConnection heldRaw = raw(held);
            idle.remove(heldRaw);

            long t0 = System.nanoTime();
            pool.suspend();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertTrue(took < 1000, "suspend took " + took + " ms: " + pool);

            assertTrue(idle.stream().allMatch(StubConnection::isClosed), "idle connections closed by the time suspend returned");
            assertEquals(1, StubPools.behaviour(db).openConnections(), "only the borrowed one is left");
            try (Statement st = held.createStatement()) {
                assertTrue(st.execute("select 1"), "a borrowed connection serves on");
            }
            held.close();
            eventually(SOON, "the returned connection closed", heldRaw::isClosed);
            assertEquals(0, StubPools.behaviour(db).openConnections());
            assertEquals(0, pool.stats().total(), pool.toString());
        }
    }

    @Test
    void nothingIsConnectedWhileSuspendedNotForMinIdleNorAWaiterNorPastHousekeeping() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        // idleTimeout 100 ms: housekeeping runs every 25 ms.
        try (ConnectionPool pool = builder(db).maxSize(3).minIdle(2).idleTimeout(Duration.ofMillis(100))
                .acquireTimeout(Duration.ofMillis(400)).build()) {
            eventually(SOON, "minIdle reached", () -> pool.stats().idle() == 2);
            pool.suspend();
            long attempts = stub.connectAttempts();

            sqlFailure(pool::getConnection);
            Thread.sleep(300);

            assertEquals(attempts, stub.connectAttempts(), "connects while suspended");
            assertEquals(0, stub.openConnections());
            assertEquals(0, pool.stats().total(), pool.toString());
        }
    }

    @Test
    void aTimeoutWhileSuspendedSaysSoAndHowToResume() throws Exception {
        try (ConnectionPool pool = builder(newDatabase()).acquireTimeout(Duration.ofMillis(200)).build()) {
            pool.suspend();
            long t0 = System.nanoTime();
            SQLException e = sqlFailure(pool::getConnection);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertInstanceOf(SQLTransientConnectionException.class, e);
            assertTrue(e.getMessage().contains("the pool is suspended, call ConnectionPool.resume()"), e.getMessage());
            assertTrue(waited >= 190, "waited the acquire timeout: " + waited + " ms");
            assertEquals(1, pool.stats().timeouts());
        }
    }

    @Test
    void aBorrowerWaitingAcrossSuspendIsServedAtOnceOnResume() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(1).acquireTimeout(Duration.ofSeconds(5)).build()) {
            Connection held = pool.getConnection();
            CompletableFuture<StubConnection> waiter = CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.getConnection()) {
                    return raw(c);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            eventually(SOON, "the borrower waits", () -> pool.stats().waiting() == 1);
            StubConnection old = raw(held);
            pool.suspend();
            held.close();
            Thread.sleep(300);
            assertFalse(waiter.isDone(), "served while suspended");
            long connects = StubPools.behaviour(db).connects();

            long t0 = System.nanoTime();
            pool.resume();
            StubConnection got = waiter.get(2, TimeUnit.SECONDS);

            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1000, "served at once");
            assertFalse(got == old, "the old connection was lent after suspend");
            assertTrue(old.isClosed());
            assertEquals(connects + 1, StubPools.behaviour(db).connects());
        }
    }

    @Test
    void resumeRefillsToMinIdleAndServes() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(4).minIdle(3).build()) {
            eventually(SOON, "minIdle reached", () -> pool.stats().idle() == 3);
            pool.suspend();
            pool.resume();
            eventually(SOON, "minIdle reached again", () -> pool.stats().idle() == 3
                    && StubPools.behaviour(db).openConnections() == 3);
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                assertTrue(st.execute("select 1"));
            }
        }
    }

    @Test
    void theCredentialSourceDropsItsCacheOnSuspendAndFreshCredentialsAreUsedAfterResume() throws Exception {
        String db = newDatabase();
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        try (ConnectionPool pool = ConnectionPool.builder().credentials(source).maxSize(2).build()) {
            source.rotate("rotated-while-frozen");
            assertEquals(0, source.invalidations.get());

            pool.suspend();

            assertEquals(1, source.invalidations.get());
            pool.resume();
            try (Connection c = pool.getConnection()) {
                assertEquals("rotated-while-frozen", StubPools.behaviour(db).lastPassword());
            }
        }
    }

    /** A source with a {@code forget()} of its own is told to forget, not that a login was refused. */
    @Test
    void suspendAsksTheSourceToForgetWhenItCan() throws Exception {
        String db = newDatabase();
        TestCredentialSource inner = new TestCredentialSource(db, PASSWORD);
        java.util.concurrent.atomic.AtomicInteger forgets = new java.util.concurrent.atomic.AtomicInteger();
        io.credpool.spi.CredentialSource source = new io.credpool.spi.CredentialSource() {
            @Override
            public DatabaseConfig config() {
                return inner.config();
            }

            @Override
            public Credentials credentials() {
                return inner.credentials();
            }

            @Override
            public void invalidate() {
                inner.invalidate();
            }

            @Override
            public void forget() {
                forgets.incrementAndGet();
                inner.rotate("fetched-after-restore");
                inner.invalidate();
            }
        };
        try (ConnectionPool pool = ConnectionPool.builder().credentials(source).maxSize(2).build()) {
            pool.suspend();
            assertEquals(1, forgets.get());
            assertEquals(1, inner.invalidations.get(), "only through forget()");
            pool.resume();
            try (Connection c = pool.getConnection()) {
                assertEquals("fetched-after-restore", StubPools.behaviour(db).lastPassword());
            }
        }
    }

    @Test
    void suspendAndResumeAreIdempotentAndHealthSaysSuspended() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(2).build()) {
            assertEquals(PoolHealth.Status.UP, pool.health().status());
            pool.resume();
            assertFalse(pool.isSuspended());
            pool.suspend();
            pool.suspend();
            assertTrue(pool.isSuspended());
            PoolHealth h = pool.health();
            assertEquals(PoolHealth.Status.DEGRADED, h.status());
            assertTrue(h.detail().startsWith("suspended"), h.detail());
            assertNull(h.lastError());

            pool.resume();
            pool.resume();
            assertFalse(pool.isSuspended());
            try (Connection c = pool.getConnection()) {
                assertEquals(PoolHealth.Status.UP, pool.health().status(), pool.health().toString());
            }
        }
    }

    @Test
    void aSuspendedPoolClosesWithinItsShutdownTimeoutAndSuspendAfterCloseDoesNothing() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).maxSize(2).shutdownTimeout(Duration.ofMillis(300)).build();
        Connection held = pool.getConnection();
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> sqlFailure(pool::getConnection));
        pool.suspend();
        long t0 = System.nanoTime();
        pool.close();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertTrue(took < 1300, "close took " + took + " ms");
        assertTrue(waiter.get(2, TimeUnit.SECONDS).getMessage().startsWith("pool is closed"));
        assertTrue(raw(held).isClosed() || StubPools.behaviour(db).openConnections() == 0);
        pool.suspend();
        pool.resume();
        assertTrue(pool.isClosed());
        assertEquals(1, StubPools.behaviour(db).connects(), "nothing opened after close");
        held.close();
    }
}
