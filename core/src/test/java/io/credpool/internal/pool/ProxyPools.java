package io.credpool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.credpool.ConnectionPool;
import io.credpool.PoolStats;
import io.credpool.testkit.stub.StubConnection;
import io.credpool.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Single-connection pools for the proxy tests, so that the next borrower always gets the same physical connection. */
final class ProxyPools {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private ProxyPools() {
    }

    /** A pool of one connection on a new stub database. */
    static ConnectionPool stub() throws SQLException {
        return ofOne(StubDriver.url("proxy-stub-" + DATABASES.incrementAndGet()));
    }

    /** A pool of one connection on a new stub database seen through the {@link RecordingDriver}. */
    static ConnectionPool recording() throws SQLException {
        return ofOne(RecordingDriver.url("proxy-recording-" + DATABASES.incrementAndGet()));
    }

    private static ConnectionPool ofOne(String url) throws SQLException {
        // The acquire timeout is short because some tests wait for it to show that nothing is left to lend.
        return ConnectionPool.builder().jdbcUrl(url).username("app").password("pw")
                .maxSize(1).acquireTimeout(Duration.ofMillis(500)).build();
    }

    /** The driver's connection behind a borrowed one. */
    static StubConnection physical(Connection c) throws SQLException {
        return c.unwrap(StubConnection.class);
    }

    /**
     * Asserts that {@code old} was discarded: the next borrower gets a new physical connection, the
     * only one the pool has (so {@code old} was closed, not just left idle).
     */
    static void assertDiscarded(ConnectionPool pool, StubConnection old) throws SQLException {
        try (Connection next = pool.getConnection()) {
            assertNotSame(old, physical(next), "a discarded connection was lent again");
        }
        assertEquals(1, pool.stats().closed());
        assertCounts(pool, 1, 0, 1);
    }

    /** Asserts the pool's live counts. */
    static void assertCounts(ConnectionPool pool, int total, int active, int idle) {
        PoolStats s = pool.stats();
        assertEquals(List.of(total, active, idle), List.of(s.total(), s.active(), s.idle()),
                "total, active, idle: " + s);
    }

    /** A call on a JDBC object. */
    @FunctionalInterface
    interface SqlCall {
        void run() throws SQLException;
    }
}
