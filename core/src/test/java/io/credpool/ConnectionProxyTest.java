package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubConnection;
import io.credpool.testkit.stub.StubStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The connection a borrower holds, and what returning it undoes. */
class ConnectionProxyTest {

    @Test
    void closeReturnsTheConnectionOnceAndLaterUseFails() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            Connection c = pool.getConnection();
            assertEquals(1, pool.stats().active());
            c.close();
            c.close();
            assertEquals(0, pool.stats().active());
            assertEquals(1, pool.stats().idle());
            assertTrue(c.isClosed());
            assertEquals("connection is closed", sqlFailure(c::createStatement).getMessage());
            assertEquals("connection is closed", sqlFailure(() -> c.setAutoCommit(false)).getMessage());
            assertEquals("08003", sqlFailure(c::commit).getSQLState());
            assertFalse(c.isValid(1));
        }
    }

    @Test
    void aStaleReferenceCannotTouchTheConnectionLentToTheNextBorrower() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            Connection first = pool.getConnection();
            StubConnection physical = raw(first);
            first.close();
            try (Connection second = pool.getConnection()) {
                assertSame(physical, raw(second));
                sqlFailure(() -> first.setAutoCommit(false));
                sqlFailure(() -> first.createStatement());
                assertTrue(second.getAutoCommit());
                assertTrue(physical.getAutoCommit());
            }
        }
    }

    @Test
    void closesStatementsTheBorrowerLeftOpen() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            Statement statement;
            PreparedStatement prepared;
            StubStatement driverStatement;
            StubStatement driverPrepared;
            try (Connection c = pool.getConnection()) {
                statement = c.createStatement();
                prepared = c.prepareStatement("select 1");
                driverStatement = statement.unwrap(StubStatement.class);
                driverPrepared = prepared.unwrap(StubStatement.class);
                c.createStatement().close();
            }
            assertTrue(statement.isClosed());
            assertTrue(prepared.isClosed());
            assertTrue(driverStatement.isClosed());
            assertTrue(driverPrepared.isClosed());
            assertEquals("08003", sqlFailure(() -> prepared.executeQuery()).getSQLState());
        }
    }

    @Test
    void anUntouchedConnectionCostsNoCallOnTheDriverWhenReturned() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).recordCalls(true);
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection physical = physicalOf(pool);
            List<String> before = physical.calls();
            try (Connection c = pool.getConnection()) {
                assertTrue(c.getAutoCommit());
            }
            assertEquals(before.size() + 1, physical.calls().size(), "calls: " + physical.calls());
            assertEquals("getAutoCommit", physical.calls().get(before.size()));
        }
    }

    @Test
    void restoresOnlyTheSettingsTheBorrowerChanged() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).recordCalls(true);
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection physical;
            int mark;
            try (Connection c = pool.getConnection()) {
                physical = raw(c);
                c.setReadOnly(true);
                c.setSchema("audit");
                mark = physical.calls().size();
            }
            List<String> onReturn = physical.calls().subList(mark, physical.calls().size());
            assertEquals(List.of("setReadOnly", "setSchema", "clearWarnings"), onReturn);
            assertFalse(physical.isReadOnly());
            assertEquals(StubConnection.DEFAULT_SCHEMA, physical.getSchema());
            assertEquals(0, physical.rollbacks());
        }
    }

    @Test
    void theNextBorrowerGetsEverySettingBackAtItsDefault() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setCatalog("other");
                c.setSchema("audit");
                c.setNetworkTimeout(Runnable::run, 1234);
                c.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
                c.setTypeMap(Map.of("point", Object.class));
            }
            try (Connection c = pool.getConnection()) {
                assertTrue(c.getAutoCommit());
                assertFalse(c.isReadOnly());
                assertEquals(StubConnection.DEFAULT_ISOLATION, c.getTransactionIsolation());
                assertEquals(db, c.getCatalog());
                assertEquals(StubConnection.DEFAULT_SCHEMA, c.getSchema());
                assertEquals(0, c.getNetworkTimeout());
                assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, c.getHoldability());
                assertTrue(c.getTypeMap().isEmpty());
            }
        }
    }

    /** The physical connection the next borrower will get, found by borrowing it once. */
    private static StubConnection physicalOf(ConnectionPool pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return raw(c);
        }
    }

    /** A pool whose connection has {@code ApplicationName} set, as a driver property would set it. */
    private static ConnectionPool poolWithApplicationName(String applicationName) throws SQLException {
        ConnectionPool pool = builder(newDatabase()).build();
        try (Connection c = pool.getConnection()) {
            raw(c).setClientInfo("ApplicationName", applicationName);
        }
        return pool;
    }

    @Test
    void clientInfoTheBorrowerSetIsRestoredForTheNextBorrower() throws Exception {
        try (ConnectionPool pool = poolWithApplicationName("orders-service")) {
            try (Connection c = pool.getConnection()) {
                c.setClientInfo("ApplicationName", "nightly-report");
                c.setClientInfo("ClientUser", "alice");
                assertEquals("nightly-report", c.getClientInfo("ApplicationName"));
            }
            try (Connection c = pool.getConnection()) {
                assertEquals("orders-service", c.getClientInfo("ApplicationName"));
                // No default to go back to: empty, as PostgreSQL's driver makes a null ApplicationName.
                assertEquals("", c.getClientInfo("ClientUser"));
            }
        }
    }

    @Test
    void clientInfoReplacedAsAWholeIsRestoredNameByName() throws Exception {
        try (ConnectionPool pool = poolWithApplicationName("orders-service")) {
            try (Connection c = pool.getConnection()) {
                Properties replacement = new Properties();
                replacement.setProperty("ClientHostname", "batch-7");
                c.setClientInfo(replacement);
                assertNull(c.getClientInfo("ApplicationName"), "names left out are cleared");
            }
            try (Connection c = pool.getConnection()) {
                assertEquals("orders-service", c.getClientInfo("ApplicationName"));
                assertEquals("", c.getClientInfo("ClientHostname"));
            }
        }
    }

    @Test
    void clientInfoDefaultsAreReadOnceAndRestoredOnlyWhenChanged() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).recordCalls(true);
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection physical = physicalOf(pool);
            int mark = physical.calls().size();
            try (Connection c = pool.getConnection()) {
                c.setClientInfo("ApplicationName", "nightly-report");
            }
            try (Connection c = pool.getConnection()) {
                c.setClientInfo("ApplicationName", "weekly-report");
            }
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
            }
            List<String> calls = physical.calls().subList(mark, physical.calls().size());
            assertEquals(List.of(
                    "getClientInfo", "setClientInfo", "setClientInfo", "clearWarnings",
                    "setClientInfo", "setClientInfo", "clearWarnings",
                    "isReadOnly", "setReadOnly", "setReadOnly", "clearWarnings"), calls);
        }
    }

    @Test
    void rollsBackATransactionLeftOpen() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection physical;
            try (Connection c = pool.getConnection()) {
                physical = raw(c);
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("insert into t values (1)");
                assertEquals(1, physical.uncommitted());
            }
            assertEquals(0, physical.uncommitted());
            assertEquals(0, physical.committed());
            assertEquals(1, physical.rollbacks());
            assertTrue(physical.getAutoCommit());
        }
    }

    @Test
    void doesNotRollBackWorkDoneInAutoCommitMode() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection physical;
            try (Connection c = pool.getConnection()) {
                physical = raw(c);
                c.createStatement().executeUpdate("insert into t values (1)");
            }
            assertEquals(1, physical.committed());
            assertEquals(0, physical.rollbacks());
        }
    }

    @Test
    void clearsWarningsLeftByTheBorrower() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            try (Connection c = pool.getConnection()) {
                c.createStatement().execute("do $$ begin raise notice 'hi'; end $$");
                raw(c).addWarning("hi");
                assertTrue(c.getWarnings() != null);
            }
            try (Connection c = pool.getConnection()) {
                assertNull(c.getWarnings());
            }
        }
    }

    @Test
    void unwrapReachesTheDriverConnection() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build(); Connection c = pool.getConnection()) {
            assertTrue(c.isWrapperFor(StubConnection.class));
            assertSame(c, c.unwrap(Connection.class));
            StubConnection physical = c.unwrap(StubConnection.class);
            assertEquals("app", physical.user());
            assertFalse(c.isWrapperFor(java.sql.Driver.class));
        }
    }

    @Test
    void abortDiscardsThePhysicalConnection() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            Connection c = pool.getConnection();
            StubConnection physical = raw(c);
            c.abort(Runnable::run);
            assertTrue(physical.isClosed());
            assertTrue(c.isClosed());
            eventually(Duration.ofSeconds(2), "aborted connection discarded", () -> pool.stats().total() == 0);
            try (Connection next = pool.getConnection()) {
                assertNotSame(physical, raw(next));
            }
        }
    }

    @Test
    void statementsAndResultSetsLeadBackToTheBorrowedConnection() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build(); Connection c = pool.getConnection()) {
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select 1");
            assertSame(c, s.getConnection());
            assertSame(s, rs.getStatement());
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            PreparedStatement ps = c.prepareStatement("select ?");
            ps.setInt(1, 7);
            ResultSet prs = ps.executeQuery();
            assertSame(ps, prs.getStatement());
            assertSame(c, ps.getConnection());
        }
    }

    @Test
    void logsSqlAtDebugOnlyWhenAskedTo() throws Exception {
        String db = newDatabase();
        try (LogCapture log = LogCapture.start()) {
            try (ConnectionPool pool = builder(db).build(); Connection c = pool.getConnection()) {
                c.prepareStatement("select 'quiet'").executeQuery();
            }
            try (ConnectionPool pool = builder(db).logStatements(true).build(); Connection c = pool.getConnection()) {
                c.prepareStatement("select 'loud'").executeQuery();
                c.createStatement().execute("select 'also loud'");
            }
            List<String> debug = log.messagesAt(Level.FINE);
            assertEquals(List.of("SQL: select 'loud'", "SQL: select 'also loud'"), debug);
        }
    }
}
