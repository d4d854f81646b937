package io.credpool;

import static io.credpool.PostgresRoles.PASSWORD;
import static io.credpool.PostgresRoles.fill;
import static io.credpool.PostgresRoles.newRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.FaultProxy;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.PgCluster;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database behind a black hole (a security-group change, a dead NAT, a failover under way):
 * the {@link FaultProxy} accepts connections and forwards nothing either way, closing nothing, so
 * every read waits and every login never completes. Borrowers must still get their answer within
 * {@code pool_timeout}, connects must end within {@code connect_timeout}, and once the network
 * heals the pool must serve again at once.
 */
class PostgresBlackholeTest {

    private static final long ACQUIRE_MILLIS = 1000;
    /** What the contract allows past the acquire timeout, plus this machine's scheduling noise. */
    private static final long SLACK_MILLIS = 100 + 150;

    private final PgCluster cluster = PgCluster.shared();
    private FaultProxy proxy;
    private LogCapture log;
    private String role;

    @BeforeEach
    void startProxy() {
        role = newRole(cluster, "blackhole");
        proxy = FaultProxy.start(cluster.port());
        log = new LogCapture();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
        log.close();
        log.assertNeverContains(PASSWORD);
    }

    private ConnectionPool.Builder builder() {
        return ConnectionPool.builder().jdbcUrl(proxy.jdbcUrl(role)).username(role).password(PASSWORD)
                .settings(PoolSettings.defaults().withMaxSize(4).withAcquireTimeout(Duration.ofMillis(ACQUIRE_MILLIS))
                        .withConnectTimeout(Duration.ofSeconds(2)).withRetry(StubPools.FAST));
    }

    @Test
    void noBorrowerWaitsPastPoolTimeoutAndThePoolServesSoonAfterTheNetworkHeals() throws Exception {
        try (ConnectionPool pool = builder().build()) {
            fill(pool, 4);
            Thread.sleep(600); // the idle connections now need validation before they are lent
            proxy.stall(true);
            Queue<Long> tookMillis = new ConcurrentLinkedQueue<>();
            Queue<String> unexpected = new ConcurrentLinkedQueue<>();
            List<Thread> borrowers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    for (int round = 0; round < 3; round++) {
                        long start = System.nanoTime();
                        try (Connection c = pool.getConnection()) {
                            unexpected.add("got a connection through a black hole: " + c);
                        } catch (SQLException e) {
                            if (!e.getMessage().contains("Timed out")) {
                                unexpected.add(e.toString());
                            }
                        }
                        tookMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    }
                });
                t.start();
                borrowers.add(t);
            }
            for (Thread t : borrowers) {
                t.join(30_000);
            }
            assertEquals(List.of(), List.copyOf(unexpected));
            assertEquals(24, tookMillis.size());
            long longest = tookMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(longest <= ACQUIRE_MILLIS + SLACK_MILLIS, "a borrow waited " + longest + " ms in the black hole");

            proxy.stall(false);
            long healed = System.nanoTime();
            for (;;) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select 1")) {
                    rs.next();
                    break;
                } catch (SQLException e) {
                    assertTrue(System.nanoTime() - healed < TimeUnit.SECONDS.toNanos(2),
                            "no good borrow within 2 s of the network healing: " + e);
                }
            }
            long firstGood = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed);
            Reliability.report("blackhole", firstGood, tookMillis.size()); // every borrow in the black hole timed out
            assertTrue(firstGood < 2000, "first good borrow " + firstGood + " ms after healing");
        }
    }

    @Test
    void aLoginThatNeverCompletesEndsWithinConnectTimeout() {
        proxy.stall(true); // TCP connects; the server's answer to the startup message never comes
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class,
                () -> builder().retry(StubPools.FAST.withMaxAttempts(1)).build().close());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < 2000 + 1000, "one connect took " + took + " ms with connect_timeout=2: " + e);
        assertTrue(e.getMessage().contains("127.0.0.1:" + proxy.port() + "/" + role), e.getMessage());
    }

    /**
     * A query already sent when the network goes silent, with {@code Statement.setQueryTimeout(2)}
     * and credpool's defaults ({@code connect_timeout} 2 s here, so pgjdbc's
     * {@code cancelSignalTimeout} is 2 s, and TCP keep-alive on). When the timeout fires, pgjdbc
     * sends its cancel request over a new connection, into the same black hole; the cancel gives up
     * after {@code cancelSignalTimeout}, and nothing ends the query's own read. Measured: the
     * statement is still waiting at query timeout + cancelSignalTimeout + 2 s margin, and ends only
     * when the network heals (else when keep-alive gives up: about 2 h 11 min with Linux's defaults).
     * This is the documented control for "a stuck query needs {@code socket_timeout}".
     */
    @Test
    void aQueryTimeoutAloneDoesNotEndAQueryStuckInABlackHole() throws Exception {
        long boundMillis = 2000 + 2000 + 2000; // setQueryTimeout + cancelSignalTimeout + margin
        try (ConnectionPool pool = builder().build(); Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            Queue<String> outcome = new ConcurrentLinkedQueue<>();
            proxy.stall(true);
            long start = System.nanoTime();
            Thread query = new Thread(() -> {
                try (ResultSet rs = s.executeQuery("select 1")) {
                    rs.next();
                    outcome.add("result " + rs.getInt(1));
                } catch (SQLException e) {
                    outcome.add(e.getSQLState() + " " + e.getMessage());
                }
            });
            query.start();
            query.join(boundMillis);
            long stuck = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(query.isAlive(), "the query ended after " + stuck + " ms: " + outcome);
            proxy.stall(false);
            long healed = System.nanoTime();
            query.join(5000);
            assertFalse(query.isAlive(), "the query still waits 5 s after the network healed");
            System.out.println("reliability: stuck query with setQueryTimeout(2) alone: still waiting after " + stuck
                    + " ms; ended " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed)
                    + " ms after the network healed: " + outcome);
        }
    }

    /** With {@code socket_timeout=2} in {@code DATABASE_URL}, the same stuck query ends after 2 s. */
    @Test
    void socketTimeoutEndsAQueryStuckInABlackHole() throws Exception {
        String url = PostgresRoles.databaseUrl(proxy.port(), role, "connection_limit=2&connect_timeout=2&socket_timeout=2");
        try (ConnectionPool pool = Database.open(url); Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            proxy.stall(true);
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select 1").close());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("reliability: stuck query with socket_timeout=2 ended after " + took + " ms: "
                    + e.getSQLState() + " " + e.getMessage());
            assertTrue(took >= 1900 && took < 2000 + 1500, "the stuck query ended after " + took + " ms");
            assertEquals("08006", e.getSQLState(), e::toString);
        }
    }
}
