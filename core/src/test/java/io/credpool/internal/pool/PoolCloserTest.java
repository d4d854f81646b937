package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.behaviour;
import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubFault;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing physical connections never holds up anything else, whatever the driver's close() does. */
class PoolCloserTest {

    @Test
    void aBlockingDriverCloseStallsNeitherHousekeepingNorBorrowers() throws Exception {
        String db = newDatabase();
        // Idle connections are evicted after 200 ms (housekeeping every 50 ms); a close may take 1 s.
        Pool pool = Engines.start(db, settings(2).withIdleTimeout(Duration.ofMillis(200))
                .withValidationTimeout(Duration.ofSeconds(1)).withAcquireTimeout(Duration.ofSeconds(3))
                .withShutdownTimeout(Duration.ofSeconds(1)), Clock.SYSTEM);
        try {
            Connection a = pool.acquire();
            Connection b = pool.acquire();
            behaviour(db).faults(StubFault.hangOn("Connection.close", Duration.ofSeconds(4)));
            a.close();
            b.close();
            // Both idle connections are evicted, and both closes block.
            eventually(Duration.ofSeconds(2), "both connections evicted", () -> pool.stats().idle() == 0);
            long start = System.nanoTime();
            // Both slots are closing: the borrower gets a connection once the closes are given up on.
            try (Connection c = pool.acquire()) {
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(tookMs < 2000, "borrow took " + tookMs + " ms");
            }
            // Each close is given up on a second after it began; they may have begun a housekeeping run apart.
            eventually(Duration.ofSeconds(1), "both closes given up on", () -> pool.stats().closed() >= 2);
        } finally {
            behaviour(db).faults(null);
            long start = System.nanoTime();
            pool.close();
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500), "close of the pool");
        }
    }

    @Test
    void anErrorFromTheDriversCloseStillFreesTheSlot() throws Exception {
        String db = newDatabase();
        Pool pool = Engines.start(db, settings(1).withAcquireTimeout(Duration.ofSeconds(2))
                .withShutdownTimeout(Duration.ofSeconds(1)), Clock.SYSTEM);
        try {
            behaviour(db).faults(StubFault.failOn("Connection.close", () -> new NoClassDefFoundError("org/example/Gone")));
            try (Connection c = pool.acquire()) {
                behaviour(db).breakAll("08006");
                assertThrows(SQLException.class, () -> c.createStatement().executeQuery("select 1"));
            }
            eventually(Duration.ofSeconds(1), "the slot freed", () -> pool.stats().total() <= 1
                    && pool.stats().closed() == 1);
            behaviour(db).faults(null);
            try (Connection c = pool.acquire()) {
                assertTrue(c.isValid(1));
            }
            assertEquals(1, pool.stats().total());
        } finally {
            behaviour(db).faults(null);
            pool.close();
        }
    }
}
