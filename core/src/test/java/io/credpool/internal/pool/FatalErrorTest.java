package io.credpool.internal.pool;

import static io.credpool.internal.pool.ProxyPools.assertDiscarded;
import static io.credpool.internal.pool.ProxyPools.physical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.credpool.ConnectionPool;
import io.credpool.internal.pool.RecordingDriver.Recording;
import io.credpool.testkit.stub.StubConnection;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An SQLState saying the physical connection is broken, raised through any method of the
 * connection or of a statement, result set or metadata made from it, evicts that connection: the
 * next borrower gets a new one.
 */
class FatalErrorTest {

    private static final RecordingDriver.Fault BROKEN =
            () -> new SQLNonTransientConnectionException("An I/O error occurred while sending to the backend", "08006");

    /** The handles a borrower works with. */
    private record Handles(Connection c, Statement s, ResultSet rs, PreparedStatement ps, CallableStatement cs,
                           DatabaseMetaData md, ResultSet tables) {

        static Handles of(Connection c) throws SQLException {
            Statement s = c.createStatement();
            DatabaseMetaData md = c.getMetaData();
            return new Handles(c, s, s.executeQuery("select 1"), c.prepareStatement("select ?"),
                    c.prepareCall("{call audit(?)}"), md, md.getTables(null, null, "%", null));
        }
    }

    @FunctionalInterface
    private interface HandleCall {
        void run(Handles h) throws SQLException;
    }

    /** For each driver method, a borrower's call that reaches it. */
    private static final Map<String, HandleCall> CALLS = Map.ofEntries(
            Map.entry("Connection.getHoldability", h -> h.c.getHoldability()),
            Map.entry("Statement.getMoreResults", h -> h.s.getMoreResults()),
            Map.entry("Statement.getUpdateCount", h -> h.s.getUpdateCount()),
            Map.entry("Statement.setFetchSize", h -> h.s.setFetchSize(100)),
            Map.entry("ResultSet.getInt", h -> h.rs.getInt(1)),
            Map.entry("ResultSet.getString", h -> h.tables.getString(3)),
            Map.entry("ResultSet.wasNull", h -> h.rs.wasNull()),
            Map.entry("PreparedStatement.setInt", h -> h.ps.setInt(1, 7)),
            Map.entry("PreparedStatement.addBatch", h -> h.ps.addBatch()),
            Map.entry("CallableStatement.registerOutParameter", h -> h.cs.registerOutParameter(1, 4)),
            Map.entry("DatabaseMetaData.getDatabaseProductVersion", h -> h.md.getDatabaseProductVersion()),
            Map.entry("DatabaseMetaData.getColumns", h -> h.md.getColumns(null, null, "orders", "%")));

    static Stream<String> driverMethods() {
        return CALLS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("driverMethods")
    void aBrokenConnectionReportedThroughAnyMethodIsEvicted(String driverMethod) throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            StubConnection broken;
            try (Connection c = pool.getConnection()) {
                broken = physical(c);
                Handles handles = Handles.of(c);
                RecordingDriver.of(broken).failNext(driverMethod, BROKEN);
                SQLException e = assertThrows(SQLException.class, () -> CALLS.get(driverMethod).run(handles));
                assertEquals("08006", e.getSQLState());
            }
            assertDiscarded(pool, broken);
        }
    }

    @Test
    void aFatalErrorRaisedWhileTheLeaseEndsStillEvictsItsConnection() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection c = pool.getConnection();
            StubConnection broken = physical(c);
            ResultSet rs = c.createStatement().executeQuery("select 1");
            // A watchdog returns the connection while the owner's fetch is failing.
            RecordingDriver.of(broken).failNext("ResultSet.next", () -> {
                c.close();
                return BROKEN.raise();
            });
            assertEquals("08006", assertThrows(SQLException.class, rs::next).getSQLState());
            assertDiscarded(pool, broken);
        }
    }

    @Test
    void aLateFatalErrorDoesNotEvictTheConnectionThatReplacedItsOwn() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection c = pool.getConnection();
            Recording first = RecordingDriver.of(physical(c));
            ResultSet rs = c.createStatement().executeQuery("select 1");
            // The connection is aborted and replaced before the owner's failing fetch reports.
            StubConnection[] replacement = new StubConnection[1];
            first.failNext("ResultSet.next", () -> {
                c.abort(Runnable::run);
                try (Connection next = pool.getConnection()) {
                    replacement[0] = physical(next);
                }
                return BROKEN.raise();
            });
            assertEquals("08006", assertThrows(SQLException.class, rs::next).getSQLState());
            try (Connection next = pool.getConnection()) {
                assertSame(replacement[0], physical(next), "the replacement was evicted for its predecessor's error");
            }
            assertEquals(1, pool.stats().closed());
        }
    }
}
