package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Opening the first connection under the retry policy, and reconnecting in the background. */
class PoolStartTest {

    @Test
    void buildOpensTheFirstConnectionAndSaysSo() throws Exception {
        String db = newDatabase();
        try (LogCapture log = LogCapture.start(); ConnectionPool pool = builder(db).build()) {
            assertEquals(1, StubPools.behaviour(db).connects());
            assertEquals(1, pool.stats().idle());
            assertEquals(List.of("Database connection established successfully"), log.messagesAt(Level.INFO));
        }
    }

    @Test
    void retriesTheFirstConnectionAndLogsEachFailedAttempt() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).failConnects(2, "08001");
        try (LogCapture log = LogCapture.start(); ConnectionPool pool = builder(db).build()) {
            assertEquals(List.of(
                    "Connection attempt 1/3 to " + db + " failed (Connection to " + db
                            + " failed (stub failure)); retrying in 20 ms",
                    "Connection attempt 2/3 to " + db + " failed (Connection to " + db
                            + " failed (stub failure)); retrying in 40 ms"),
                    log.messagesAt(Level.WARNING));
            assertEquals(3, StubPools.behaviour(db).connectAttempts());
            assertEquals(2, pool.stats().failedConnects());
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastFailureAsCause() {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db).down("08001");
        try (LogCapture log = LogCapture.start()) {
            SQLException e = sqlFailure(() -> builder(db).build().close());
            assertEquals("Failed to connect to " + db + " after 3 attempts", e.getMessage());
            assertInstanceOf(SQLException.class, e.getCause());
            assertEquals("08001", ((SQLException) e.getCause()).getSQLState());
            assertEquals(3, stub.connectAttempts());
            assertEquals(2, log.messagesAt(Level.WARNING).size());
            log.assertNeverContains(PASSWORD);
            assertFalse(LogCapture.stackTrace(e).contains(PASSWORD));
        }
        eventually(Duration.ofSeconds(2), "no pool thread left", () -> StubPools.poolThreads().isEmpty());
    }

    @Test
    void theDefaultScheduleRetriesAfterOneAndThenTwoSeconds() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).failConnects(2, "08001");
        long start = System.nanoTime();
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).retry(RetryPolicy.defaults()).build()) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            List<String> warnings = log.messagesAt(Level.WARNING);
            assertEquals(2, warnings.size());
            assertTrue(warnings.get(0).startsWith("Connection attempt 1/3 to " + db + " failed ("), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("); retrying in 1000 ms"), warnings.get(0));
            assertTrue(warnings.get(1).startsWith("Connection attempt 2/3 to " + db + " failed ("), warnings.get(1));
            assertTrue(warnings.get(1).endsWith("); retrying in 2000 ms"), warnings.get(1));
            assertTrue(elapsed >= 2900 && elapsed < 6000, "took " + elapsed + " ms");
            assertEquals(1, pool.stats().total());
        }
    }

    @Test
    void borrowersWaitingDuringAnOutageTimeOutWithTheConnectFailure() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).maxSize(2).acquireTimeout(Duration.ofMillis(300)).build();
             Connection held = pool.getConnection()) {
            stub.down("08001");
            long start = System.nanoTime();
            SQLException e = sqlFailure(pool::getConnection);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertInstanceOf(SQLTransientConnectionException.class, e);
            assertTrue(e.getMessage().startsWith("Timed out after 300 ms waiting for a connection to " + db + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("; last connection attempt failed: Connection to " + db
                    + " refused (stub is down)"), e.getMessage());
            assertInstanceOf(SQLException.class, e.getCause());
            assertTrue(waited < 1500, "waited " + waited + " ms");
            assertFalse(LogCapture.stackTrace(e).contains(PASSWORD));
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void aHangingConnectNeverHoldsABorrowerPastItsAcquireTimeout() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).maxSize(2).acquireTimeout(Duration.ofMillis(200)).build();
             Connection held = pool.getConnection()) {
            stub.connectDelay(Duration.ofSeconds(2));
            long start = System.nanoTime();
            SQLException e = sqlFailure(pool::getConnection);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(SQLTransientConnectionException.class, e);
            assertTrue(waited < 1000, "waited " + waited + " ms");
            stub.connectDelay(Duration.ZERO);
        }
    }

    @Test
    void refillsByItselfWhenTheDatabaseComesBack() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).maxSize(3).acquireTimeout(Duration.ofSeconds(10)).build()) {
            pool.getConnection().close();
            stub.breakAll("57P01").down("57P03");
            Thread waiterThread = new Thread(() -> {
                try (Connection c = pool.getConnection()) {
                    c.createStatement().execute("select 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(600);
            waiterThread.start();
            eventually(Duration.ofSeconds(5), "background connect failing",
                    () -> !log.matching(m -> m.startsWith("Connection attempt 1 to " + db)).isEmpty());
            stub.up();
            waiterThread.join(5000);
            assertFalse(waiterThread.isAlive());
            try (Connection c = pool.getConnection()) {
                c.createStatement().execute("select 1");
            }
            assertTrue(pool.stats().failedConnects() >= 1);
            assertTrue(log.messagesAt(Level.WARNING).stream()
                    .anyMatch(m -> m.matches("Connection attempt \\d+ to " + db.replace(".", "\\.")
                            + " failed \\(.*\\); retrying in \\d+ ms")), log.everything());
        }
    }
}
