package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.PoolHealth.Status;
import io.credpool.testkit.stub.StubBehaviour;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code health()}: UP, DEGRADED and DOWN from what the pool has seen. */
class PoolHealthStatusTest {

    @Test
    void aStartedPoolIsUpSinceItsStart() throws Exception {
        Instant before = Instant.now();
        try (ConnectionPool pool = builder(newDatabase()).build()) {
            PoolHealth h = pool.health();
            assertEquals(Status.UP, h.status());
            assertEquals("total=1, active=0, idle=1, waiting=0", h.detail());
            assertNull(h.lastError());
            assertFalse(h.since().isBefore(before));
            assertFalse(h.since().isAfter(Instant.now()));
        }
    }

    @Test
    void aTimedOutBorrowerMakesThePoolDegradedWithTheTimeoutAsLastError() throws Exception {
        try (ConnectionPool pool = builder(newDatabase()).maxSize(1).acquireTimeout(Duration.ofMillis(50)).build();
             Connection c = pool.getConnection()) {
            Instant up = pool.health().since();
            sqlFailure(pool::getConnection);
            PoolHealth h = pool.health();
            assertEquals(Status.DEGRADED, h.status());
            assertTrue(h.detail().startsWith("a borrower timed out in the last 10 s"), h.detail());
            assertTrue(h.lastError().startsWith("Timed out after 50 ms"), h.lastError());
            assertFalse(h.since().isBefore(up), "a new status, a new since");
            assertEquals(h.since(), pool.health().since(), "since stays while the status holds");
        }
    }

    @Test
    void failingConnectsDegradeThePoolWhileIdleConnectionsServeAndTakeItDownWhenNoneIs() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        stub.connectDelay(Duration.ofMillis(100));
        ConnectionPool pool = builder(db).maxSize(2).minIdle(2).build();
        try {
            // The connect towards minIdle is under way: it fails.
            stub.down("08001");
            eventually(Duration.ofSeconds(3), "degraded", () -> pool.health().status() == Status.DEGRADED);
            PoolHealth degraded = pool.health();
            assertTrue(degraded.detail().startsWith("new connections cannot be opened; idle ones still serve"),
                    degraded.detail());
            assertTrue(degraded.lastError().contains("refused"), degraded.lastError());

            Connection c = pool.getConnection();
            PoolHealth down = pool.health();
            assertEquals(Status.DOWN, down.status(), down.toString());
            assertTrue(down.detail().startsWith("new connections cannot be opened and none is idle"), down.detail());
            assertFalse(down.since().isBefore(degraded.since()));

            stub.connectDelay(Duration.ZERO).up();
            eventually(Duration.ofSeconds(5), "up after the database returned", () -> pool.health().status() == Status.UP);
            assertNull(pool.health().lastError());
            c.close();
            for (PoolHealth h : new PoolHealth[] {degraded, down}) {
                assertFalse(h.toString().contains(PASSWORD), h.toString());
            }
        } finally {
            pool.close();
        }
        assertEquals(Status.DOWN, pool.health().status());
        assertEquals("the pool is closed", pool.health().detail());
    }
}
