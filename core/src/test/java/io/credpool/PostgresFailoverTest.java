package io.credpool;

import static io.credpool.PostgresRoles.PASSWORD;
import static io.credpool.PostgresRoles.fill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.FaultProxy;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.PgCluster;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failover as Aurora or RDS Multi-AZ does it: the old writer is demoted to read-only and keeps
 * its sessions, while DNS (here the {@link FaultProxy}'s target) sends new connections to the new
 * writer. Writes on the old sessions fail with {@code 25006}; the pool must not lend them again
 * and again, but reconnect.
 */
class PostgresFailoverTest {

    private static final String ROLE = "failover_" + ProcessHandle.current().pid();

    private static PgCluster oldWriter;
    private static PgCluster newWriter;

    @BeforeAll
    static void twoWriters() throws SQLException {
        oldWriter = PgCluster.create();
        newWriter = PgCluster.create();
        for (PgCluster c : new PgCluster[] {oldWriter, newWriter}) {
            c.start();
            c.createRole(ROLE, PASSWORD);
            c.createDatabase(ROLE, ROLE);
            try (Connection admin = java.sql.DriverManager.getConnection(c.jdbcUrl(ROLE), ROLE, PASSWORD);
                 Statement s = admin.createStatement()) {
                s.execute("create table writes (id serial primary key, at timestamptz default now())");
            }
        }
    }

    @AfterAll
    static void deleteClusters() {
        if (oldWriter != null) {
            oldWriter.close();
        }
        if (newWriter != null) {
            newWriter.close();
        }
    }

    @Test
    void aDemotedWriterCostsAtMostOneFailedWritePerConnectionAndWritesReachTheNewOneWithinThreeSeconds()
            throws Exception {
        try (LogCapture log = new LogCapture(); FaultProxy dns = FaultProxy.start(oldWriter.port());
             ConnectionPool pool = ConnectionPool.builder().jdbcUrl(dns.jdbcUrl(ROLE)).username(ROLE).password(PASSWORD)
                     .maxSize(4).acquireTimeout(Duration.ofSeconds(2)).build()) {
            fill(pool, 4);
            Queue<Long> failedAt = new ConcurrentLinkedQueue<>();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            Queue<Long> succeededAt = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                            s.executeUpdate("insert into writes default values");
                            succeededAt.add(System.nanoTime());
                        } catch (SQLException e) {
                            failedAt.add(System.nanoTime());
                            failures.add(e.getSQLState() + " " + e.getMessage());
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            Thread.sleep(500);
            dns.retarget(new InetSocketAddress("127.0.0.1", newWriter.port()));
            try (Connection admin = oldWriter.superuserConnection(); Statement s = admin.createStatement()) {
                s.execute("alter system set default_transaction_read_only = on");
                s.execute("select pg_reload_conf()");
            }
            long failover = System.nanoTime();
            Thread.sleep(4000);
            running.set(false);
            for (Thread t : writers) {
                t.join(10_000);
                assertFalse(t.isAlive(), "a writer hangs");
            }

            assertTrue(failures.size() <= 4, "failed writes (at most one per pooled connection): " + failures);
            assertTrue(failures.stream().allMatch(f -> f.startsWith("25006")), failures::toString);
            long lastFailure = failedAt.stream().mapToLong(Long::longValue).max().orElse(failover);
            assertTrue(lastFailure - failover < TimeUnit.SECONDS.toNanos(3),
                    "writes still failed " + TimeUnit.NANOSECONDS.toMillis(lastFailure - failover) + " ms after the failover");
            assertTrue(succeededAt.stream().anyMatch(at -> at - lastFailure > 0), "no write succeeded after the failover");
            long firstGoodAfter = succeededAt.stream().filter(at -> at - lastFailure > 0).mapToLong(Long::longValue).min().orElseThrow();
            Reliability.report("read-only-failover", TimeUnit.NANOSECONDS.toMillis(firstGoodAfter - failover), failures.size());
            assertTrue(rows(newWriter) > 0, "no write reached the new writer");
            assertEquals(1, log.matching(m -> m.contains("25006")).size(), "one warning per failover: " + log.lines());
        } finally {
            try (Connection admin = oldWriter.superuserConnection(); Statement s = admin.createStatement()) {
                s.execute("alter system reset default_transaction_read_only");
                s.execute("select pg_reload_conf()");
            }
        }
    }

    private static long rows(PgCluster cluster) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(cluster.jdbcUrl(ROLE), ROLE, PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from writes")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
