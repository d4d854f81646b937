package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Graceful shutdown. */
class PoolCloseTest {

    @Test
    void afterCloseBorrowsFailAtOnce() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).build();
        pool.close();
        long start = System.nanoTime();
        SQLException e = sqlFailure(pool::getConnection);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 100);
        assertEquals("pool is closed (" + db + ")", e.getMessage());
        assertEquals("08003", e.getSQLState());
        assertTrue(pool.isClosed());
    }

    @Test
    void closeWakesWaitingBorrowersWithTheSameError() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).maxSize(1).acquireTimeout(Duration.ofSeconds(30))
                .shutdownTimeout(Duration.ofMillis(500)).build();
        Connection held = pool.getConnection();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        Thread waiter = new Thread(() -> failure.set(sqlFailure(() -> pool.getConnection().close())));
        waiter.start();
        eventually(Duration.ofSeconds(5), "waiter queued", () -> pool.stats().waiting() == 1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
        waiter.join(2000);
        assertFalse(waiter.isAlive());
        assertTrue(failure.get().getMessage().startsWith("pool is closed"));
        assertEquals("08003", failure.get().getSQLState());
        held.close();
        closing.get(5, TimeUnit.SECONDS);
    }

    @Test
    void closeClosesIdleConnections() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        ConnectionPool pool = builder(db).maxSize(3).build();
        Connection a = pool.getConnection();
        Connection b = pool.getConnection();
        a.close();
        b.close();
        assertEquals(2, stub.openConnections());
        pool.close();
        assertEquals(0, stub.openConnections());
        assertEquals(0, pool.stats().total());
    }

    @Test
    void aBorrowedConnectionIsClosedWhenItComesBack() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).shutdownTimeout(Duration.ofSeconds(10)).build();
        Connection held = pool.getConnection();
        StubConnection physical = raw(held);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
        Thread.sleep(200);
        assertFalse(closing.isDone(), "close waits for the borrower");
        assertFalse(physical.isClosed(), "never closed under its borrower");
        held.createStatement().execute("select 1");
        long returned = System.nanoTime();
        held.close();
        closing.get(5, TimeUnit.SECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - returned) < 1000);
        assertTrue(physical.isClosed());
    }

    @Test
    void aConnectionStillBorrowedAfterTheShutdownTimeoutIsAborted() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).shutdownTimeout(Duration.ofMillis(300)).build();
        Connection held = pool.getConnection();
        StubConnection physical = raw(held);
        long start = System.nanoTime();
        try (LogCapture log = LogCapture.start()) {
            pool.close();
            assertEquals(1, log.matching(m -> m.startsWith("Aborting a connection to " + db)).size());
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took >= 290 && took < 2000, "close took " + took + " ms");
        assertTrue(physical.isClosed());
        assertDoesNotThrow(held::close);
        assertTrue(held.isClosed());
    }

    @Test
    void closeIsIdempotentAndClosesTheCredentialSourceOnce() throws Exception {
        String db = newDatabase();
        TestCredentialSource source = new TestCredentialSource(db, StubPools.PASSWORD);
        ConnectionPool pool = ConnectionPool.builder().credentials(source).build();
        pool.close();
        pool.close();
        assertEquals(1, source.closes.get());
    }

    @Test
    void poolThreadsAreNamedDaemonsAndNoneOutlivesClose() throws Exception {
        String db = newDatabase();
        ConnectionPool pool = builder(db).maxSize(3).minIdle(3).build();
        eventually(Duration.ofSeconds(3), "min idle reached", () -> pool.stats().idle() == 3);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("credpool-")) {
                assertTrue(t.getName().matches("credpool-(housekeeper|connector)-\\d+"), t.getName());
                assertTrue(t.isDaemon(), t.getName() + " is a daemon");
            }
        }
        assertFalse(StubPools.poolThreads().isEmpty());
        pool.close();
        eventually(Duration.ofSeconds(2), "pool threads gone, left: " + StubPools.poolThreads(),
                () -> StubPools.poolThreads().isEmpty());
    }
}
