package io.credpool;

import static io.credpool.PostgresRoles.PASSWORD;
import static io.credpool.PostgresRoles.builder;
import static io.credpool.PostgresRoles.newRole;
import static io.credpool.PostgresRoles.target;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.PgCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool against a real PostgreSQL (the testkit's shared cluster). */
class PostgresPoolTest {

    private final PgCluster cluster = PgCluster.shared();
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = new LogCapture();
    }

    @AfterEach
    void noPasswordInTheLogs() {
        log.close();
        log.assertNeverContains(PASSWORD);
    }

    @Test
    void sixtyFourThreadsOnFiveConnectionsNeverOpenMoreThanFiveBackends() throws Exception {
        String role = newRole(cluster, "load");
        Pattern timeout = Pattern.compile("Timed out after 5000 ms waiting for a connection to "
                + Pattern.quote(target(cluster, role))
                + " \\(total=\\d, active=\\d, idle=\\d, waiting=\\d+\\)");
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger maxBackends = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (ConnectionPool pool = builder(cluster, role).maxSize(5).acquireTimeout(Duration.ofSeconds(5)).build()) {
            Thread monitor = new Thread(() -> {
                while (running.get()) {
                    maxBackends.accumulateAndGet(cluster.countBackends(role), Math::max);
                    sleep(20);
                }
            });
            monitor.start();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                Thread thread = new Thread(() -> {
                    await(start);
                    for (int i = 0; i < 200; i++) {
                        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                             ResultSet rs = s.executeQuery("select 1")) {
                            rs.next();
                            succeeded.incrementAndGet();
                        } catch (SQLTransientConnectionException e) {
                            if (timeout.matcher(e.getMessage()).lookingAt()) {
                                timedOut.incrementAndGet();
                            } else {
                                unexpected.add(e);
                            }
                        } catch (SQLException | RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(2));
                assertFalse(thread.isAlive(), "a borrower hangs");
            }
            running.set(false);
            monitor.join();
            assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
            assertEquals(64 * 200, succeeded.get() + timedOut.get());
            assertTrue(maxBackends.get() <= 5, "pg_stat_activity showed " + maxBackends.get() + " backends");
            assertTrue(maxBackends.get() >= 1);
            assertTrue(pool.stats().total() <= 5);
        }
    }

    @Test
    void theNextBorrowerGetsTheDefaultsAndAnOpenTransactionIsNeverCommitted() throws Exception {
        String role = newRole(cluster, "reset");
        try (ConnectionPool pool = builder(cluster, role).maxSize(1).build()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create schema other");
                s.execute("create table other.t (id int)");
            }
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setSchema("other");
                c.createStatement().executeUpdate("insert into t values (1)");
                // left open: no commit, no rollback
            }
            // pgjdbc refuses to change read-only inside a transaction, so the read-only borrower is a second one.
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
                c.setAutoCommit(false);
                c.createStatement().executeQuery("select count(*) from other.t").close();
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertTrue(c.getAutoCommit());
                assertFalse(c.isReadOnly());
                assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
                assertEquals("read committed", value(s, "show transaction_isolation"));
                assertEquals("off", value(s, "show transaction_read_only"));
                assertEquals("public", value(s, "select current_schema()"));
                assertEquals("0", value(s, "select count(*) from other.t"));
                s.executeUpdate("insert into other.t values (2)");
            }
            try (Connection other = java.sql.DriverManager.getConnection(cluster.jdbcUrl(role), role, PASSWORD);
                 Statement s = other.createStatement()) {
                assertEquals("2", value(s, "select string_agg(id::text, ',') from other.t"));
            }
            assertEquals(1, pool.stats().created(), "the same physical connection all along");
        }
    }

    @Test
    void aLeakIsReportedWithTheBorrowersStack() throws Exception {
        String role = newRole(cluster, "leak");
        try (ConnectionPool pool = builder(cluster, role).leakThreshold(Duration.ofMillis(200)).build()) {
            Connection leaked = borrowAndKeep(pool);
            eventually(Duration.ofSeconds(5), "leak reported",
                    () -> !log.matching(m -> m.startsWith("Connection leak detection")).isEmpty());
            LogRecord warning = log.matching(m -> m.startsWith("Connection leak detection")).get(0);
            assertEquals(Level.WARNING, warning.getLevel());
            assertTrue(warning.getMessage().contains(target(cluster, role)), warning.getMessage());
            assertTrue(Arrays.stream(warning.getThrown().getStackTrace())
                    .anyMatch(e -> e.getMethodName().equals("borrowAndKeep")));
            leaked.close();
            assertTrue(log.messagesAt(Level.INFO).stream().anyMatch(m -> m.startsWith("Previously reported leaked")));
        }
    }

    @Test
    void closeWithABorrowedConnectionFinishesWithinTheShutdownTimeoutAndLeavesNoThread() throws Exception {
        String role = newRole(cluster, "close");
        ConnectionPool pool = builder(cluster, role).maxSize(3).shutdownTimeout(Duration.ofMillis(500)).build();
        Connection held = pool.getConnection();
        held.createStatement().execute("select 1");
        pool.getConnection().close();
        long start = System.nanoTime();
        pool.close();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < 1500, "close took " + took + " ms");
        eventually(Duration.ofSeconds(2), "no pool thread", () -> StubPools.poolThreads().isEmpty());
        eventually(Duration.ofSeconds(5), "no backend left", () -> cluster.countBackends(role) == 0);
        held.close();
    }

    private static Connection borrowAndKeep(ConnectionPool pool) throws SQLException {
        Connection c = pool.getConnection();
        c.createStatement().execute("select 1");
        return c;
    }

    private static String value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
