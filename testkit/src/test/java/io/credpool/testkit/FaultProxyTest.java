package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults injected by the proxy reach a pgjdbc client as the SQLStates a pool must handle. */
class FaultProxyTest {

    private final PgCluster cluster = PgCluster.shared();
    private FaultProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(cluster.port());
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    private Connection connect(String... extra) throws SQLException {
        return Jdbc.connect(proxy.jdbcUrl("postgres"), cluster.superuser(), cluster.superuserPassword(), extra);
    }

    @Test
    void passesTrafficThroughUnchanged() throws SQLException {
        try (Connection connection = connect()) {
            assertEquals(1, proxy.openConnections());
            assertEquals("hello through the proxy", Jdbc.queryString(connection, "SELECT 'hello through the proxy'"));
            assertEquals("100000", Jdbc.queryString(connection, "SELECT length(repeat('x', 100000))"));
            assertEquals(100_000, Jdbc.queryString(connection, "SELECT repeat('y', 100000)").length());
        }
    }

    @Test
    void cutMakesTheNextQueryOnAnOpenConnectionFailWithA08State() throws SQLException {
        try (Connection connection = connect()) {
            assertEquals("1", Jdbc.queryString(connection, "SELECT 1"));

            assertEquals(1, proxy.cutAll());

            SQLException failure = assertThrows(SQLException.class, () -> Jdbc.queryString(connection, "SELECT 1"));
            assertTrue(failure.getSQLState().startsWith("08"), failure::toString);
        }
        try (Connection fresh = connect()) {
            assertEquals("1", Jdbc.queryString(fresh, "SELECT 1"), "the proxy still accepts new connections after a cut");
        }
    }

    @Test
    void refuseMakesConnectFailUntilLifted() throws SQLException {
        proxy.refuse(true);

        SQLException failure = assertThrows(SQLException.class, () -> connect().close());
        assertTrue(failure.getSQLState().startsWith("08"), failure::toString);

        proxy.refuse(false);
        try (Connection connection = connect()) {
            assertEquals("1", Jdbc.queryString(connection, "SELECT 1"));
        }
    }

    @Test
    void stallMakesAQueryHitTheSocketTimeout() throws SQLException {
        try (Connection connection = connect("socketTimeout", "1")) {
            assertEquals("1", Jdbc.queryString(connection, "SELECT 1"));

            proxy.stall(true);
            long start = System.nanoTime();
            SQLException failure = assertThrows(SQLException.class, () -> Jdbc.queryString(connection, "SELECT 1"));
            long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertTrue(failure.getSQLState().startsWith("08"), failure::toString);
            assertTrue(hasCause(failure, SocketTimeoutException.class), () -> "caused by the socket timeout: " + failure);
            assertTrue(elapsedMillis >= 1000, "waited the whole socketTimeout, not " + elapsedMillis + " ms");
        }
    }

    @Test
    void stallHoldsNewConnectionsUntilTheLoginTimeout() {
        proxy.stall(true);

        SQLException failure = assertThrows(SQLException.class, () -> connect("loginTimeout", "1").close());
        assertTrue(failure.getSQLState().startsWith("08"), failure::toString);
    }

    @Test
    void latencyDelaysEveryRoundTrip() throws SQLException {
        Duration oneWay = Duration.ofMillis(150);
        try (Connection connection = connect()) {
            proxy.latency(oneWay);

            long start = System.nanoTime();
            assertEquals("1", Jdbc.queryString(connection, "SELECT 1"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(elapsed.compareTo(oneWay.multipliedBy(2)) >= 0,
                    "a round trip takes at least twice the one-way latency, took " + elapsed.toMillis() + " ms");
        }
    }

    @Test
    void closeCutsOpenConnectionsAndStopsListening() throws SQLException {
        try (Connection connection = connect()) {
            proxy.close();

            SQLException cut = assertThrows(SQLException.class, () -> Jdbc.queryString(connection, "SELECT 1"));
            assertTrue(cut.getSQLState().startsWith("08"), cut::toString);
            SQLException refused = assertThrows(SQLException.class, () -> connect().close());
            assertEquals("08001", refused.getSQLState(), refused::toString);
        }
    }

    @Test
    void negativeLatencyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> proxy.latency(Duration.ofMillis(-1)));
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
