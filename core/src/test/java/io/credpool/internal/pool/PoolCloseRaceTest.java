package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.behaviour;
import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.internal.pool.Engines.ManualClock;
import io.credpool.testkit.stub.StubFault;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code close()} of the pool against borrowers caught half-way, and against interrupts. */
class PoolCloseRaceTest {

    @Test
    void aConnectionBeingValidatedWhenThePoolClosesIsNotLent() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(db, settings(1).withShutdownTimeout(Duration.ofSeconds(2)), clock);
        pool.acquire().close();
        clock.advance(Duration.ofSeconds(1));
        behaviour(db).validationDelay(Duration.ofMillis(300));
        CompletableFuture<Object> borrower = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire();
            } catch (SQLException e) {
                return e;
            }
        }, task -> new Thread(task).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (behaviour(db).isValidCalls() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        pool.close();
        Object outcome = borrower.get(3, TimeUnit.SECONDS);
        behaviour(db).validationDelay(Duration.ZERO);
        if (outcome instanceof Connection) {
            ((Connection) outcome).close();
        }
        SQLException e = assertInstanceOf(SQLException.class, outcome, "the borrower got a connection of a closed pool");
        assertEquals("08003", e.getSQLState());
        assertEquals(0, behaviour(db).openConnections(), "physical connections left open");
        assertEquals(0, pool.stats().total());
    }

    @Test
    void anInterruptedCloseWaitsForBorrowersWithoutSpinning() throws Exception {
        String db = newDatabase();
        Pool pool = Engines.start(db, settings(1).withShutdownTimeout(Duration.ofSeconds(1)), Clock.SYSTEM);
        Connection held = pool.acquire();
        Thread.currentThread().interrupt();
        long cpu = Engines.cpuNanos();
        long start = System.nanoTime();
        pool.close();
        long wall = System.nanoTime() - start;
        cpu = Engines.cpuNanos() - cpu;
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        held.close();
        assertTrue(wall >= TimeUnit.MILLISECONDS.toNanos(900), "waited the shutdown timeout: " + wall / 1_000_000 + " ms");
        assertTrue(cpu < wall / 4, "JVM CPU " + cpu / 1_000_000 + " ms in " + wall / 1_000_000 + " ms of waiting");
    }

    @Test
    void aBorrowerStillHoldingItsConnectionAfterTheShutdownTimeoutIsAbortedAndTheCloseReturns() throws Exception {
        String db = newDatabase();
        Pool pool = Engines.start(db, settings(2).withShutdownTimeout(Duration.ofMillis(300)), Clock.SYSTEM);
        Connection held = pool.acquire();
        long start = System.nanoTime();
        pool.close();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 290 && tookMs < 1300, "close took " + tookMs + " ms");
        // The driver finishes an abort on a thread of its own.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (behaviour(db).openConnections() != 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(0, behaviour(db).openConnections(), "the borrowed connection was aborted");
        held.close();
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (pool.stats().total() != 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(0, pool.stats().total(), "the returned, aborted connection is let go");
    }

    @Test
    void aDriverAbortThatBlocksDoesNotHoldUpTheClose() throws Exception {
        String db = newDatabase();
        Pool pool = Engines.start(db, settings(1).withShutdownTimeout(Duration.ofMillis(300)), Clock.SYSTEM);
        Connection held = pool.acquire();
        behaviour(db).faults(StubFault.hangOn("Connection.abort", Duration.ofSeconds(3)));
        try {
            long start = System.nanoTime();
            pool.close();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < 800, "close took " + tookMs + " ms");
        } finally {
            behaviour(db).faults(null);
            held.close();
        }
    }
}
