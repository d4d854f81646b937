package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code stats()} and {@code toString()}. */
class PoolStatsTest {

    @Test
    void statsCountConnectionsBorrowersAndEvents() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).failConnects(1, "08001");
        try (ConnectionPool pool = builder(db).maxSize(2).acquireTimeout(Duration.ofMillis(100)).build()) {
            assertEquals(new PoolStats(1, 0, 1, 0, 1, 0, 0, 1), pool.stats());
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            assertEquals(new PoolStats(2, 2, 0, 0, 2, 0, 0, 1), pool.stats());
            sqlFailure(pool::getConnection);
            b.abort(Runnable::run);
            eventually(Duration.ofSeconds(2), "aborted connection closed", () -> pool.stats().closed() == 1);
            assertEquals(new PoolStats(1, 1, 0, 0, 2, 1, 1, 1), pool.stats());
            a.close();
            assertEquals(new PoolStats(1, 0, 1, 0, 2, 1, 1, 1), pool.stats());
        }
    }

    @Test
    void toStringShowsTheTargetAndLiveCountsButNoSecret() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(3).build(); Connection c = pool.getConnection()) {
            assertEquals("ConnectionPool[" + db + ", total=1, active=1, idle=0, waiting=0]", pool.toString());
            assertFalse(pool.toString().contains(PASSWORD));
            assertFalse(c.toString().contains(PASSWORD));
        }
    }

    @Test
    void toStringDropsCredentialsSmuggledIntoTheUrl() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = ConnectionPool.builder()
                .jdbcUrl("jdbc:stub://app:" + PASSWORD + "@" + db + "?password=" + PASSWORD)
                .retry(StubPools.FAST).build()) {
            assertFalse(pool.toString().contains(PASSWORD), pool.toString());
        }
    }
}
