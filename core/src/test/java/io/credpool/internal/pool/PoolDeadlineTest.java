package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.behaviour;
import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.internal.pool.Engines.ManualClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A borrower's acquire timeout holds while the pool validates stale connections for it. */
class PoolDeadlineTest {

    private static List<Connection> borrow(Pool pool, int n) throws SQLException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(pool.acquire());
        }
        return held;
    }

    @Test
    void staleConnectionsBehindADeadNetworkDoNotHoldTheBorrowerPastItsTimeout() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(db, settings(6).withAcquireTimeout(Duration.ofSeconds(1))
                .withValidationTimeout(Duration.ofSeconds(3)).withShutdownTimeout(Duration.ofSeconds(1)), clock);
        try {
            for (Connection c : borrow(pool, 6)) {
                c.close();
            }
            clock.advance(Duration.ofSeconds(1));
            // isValid now overstays any timeout it is given, like a driver on a black-holed socket.
            behaviour(db).validationDelay(Duration.ofSeconds(5));
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, pool::acquire);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < 1100, "returned after " + tookMs + " ms");
            assertTrue(e.getMessage().startsWith("Timed out after 1000 ms"), e.getMessage());
            assertEquals(1, behaviour(db).isValidCalls(), "validations begun");
        } finally {
            behaviour(db).validationDelay(Duration.ZERO);
            pool.close();
        }
    }

    @Test
    void aSlowValidationIsGivenUpAfterTheValidationTimeoutAndTheNextConnectionTried() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(db, settings(2).withAcquireTimeout(Duration.ofSeconds(5))
                .withValidationTimeout(Duration.ofSeconds(1)).withShutdownTimeout(Duration.ofSeconds(1)), clock);
        try {
            List<Connection> held = borrow(pool, 2);
            Connection first = held.get(0);
            Object slow = first.unwrap(io.credpool.testkit.stub.StubConnection.class);
            for (Connection c : held) {
                c.close();
            }
            clock.advance(Duration.ofSeconds(1));
            behaviour(db).validationDelay(Duration.ofSeconds(3));
            long start = System.nanoTime();
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException ignored) {
                    return;
                }
                behaviour(db).validationDelay(Duration.ZERO);
            });
            release.start();
            try (Connection c = pool.acquire()) {
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // The first validation is given up after 1 s; the second one is quick once the network heals.
                assertTrue(tookMs >= 900 && tookMs < 4000, "took " + tookMs + " ms");
                assertNotSame(slow, c.unwrap(io.credpool.testkit.stub.StubConnection.class));
            }
            release.join();
        } finally {
            behaviour(db).validationDelay(Duration.ZERO);
            pool.close();
        }
    }

    @Test
    void anInterruptStopsTheWaitForAValidation() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(db, settings(1).withAcquireTimeout(Duration.ofSeconds(5))
                .withShutdownTimeout(Duration.ofSeconds(1)), clock);
        try {
            pool.acquire().close();
            clock.advance(Duration.ofSeconds(1));
            behaviour(db).validationDelay(Duration.ofMillis(800));
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, pool::acquire);
            assertTrue(Thread.interrupted(), "interrupt status kept");
            assertEquals("HY008", e.getSQLState());
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500));
            behaviour(db).validationDelay(Duration.ZERO);
            // The connection whose validation was abandoned comes back once it is known to be good.
            try (Connection c = pool.acquire()) {
                assertTrue(c.isValid(1));
            }
            assertEquals(1, pool.stats().total());
        } finally {
            behaviour(db).validationDelay(Duration.ZERO);
            pool.close();
        }
    }
}
