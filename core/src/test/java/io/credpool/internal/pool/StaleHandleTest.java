package io.credpool.internal.pool;

import static io.credpool.internal.pool.ProxyPools.physical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.internal.pool.RecordingDriver.Recording;
import io.credpool.testkit.stub.StubConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handle kept after its connection was closed (returned to the pool) never reaches the physical
 * connection, which by then may be lent to someone else: every call fails with "connection is
 * closed" (SQLState 08003) before the driver sees it.
 */
class StaleHandleTest {

    /** Methods JDBC lets one call on a closed object, and the driver's version numbers, which cannot fail. */
    private static final Set<String> ALLOWED_WHEN_CLOSED = Set.of("close", "isClosed", "isValid", "abort",
            "beginRequest", "endRequest", "getDriverMajorVersion", "getDriverMinorVersion");

    /** What a borrower can keep, and how it gets one from a connection. */
    enum Handle {
        CONNECTION(Connection.class, c -> c),
        STATEMENT(Statement.class, Connection::createStatement),
        PREPARED_STATEMENT(PreparedStatement.class, c -> c.prepareStatement("select ?")),
        CALLABLE_STATEMENT(CallableStatement.class, c -> c.prepareCall("{call audit(?)}")),
        QUERY_RESULT(ResultSet.class, c -> c.createStatement().executeQuery("select 1")),
        METADATA(DatabaseMetaData.class, Connection::getMetaData),
        METADATA_TABLES(ResultSet.class, c -> c.getMetaData().getTables(null, "public", "%", null)),
        METADATA_COLUMNS(ResultSet.class, c -> c.getMetaData().getColumns(null, "public", "orders", "%"));

        final Class<?> type;
        final Opener open;

        Handle(Class<?> type, Opener open) {
            this.type = type;
            this.open = open;
        }
    }

    @FunctionalInterface
    interface Opener {
        Object from(Connection c) throws SQLException;
    }

    @ParameterizedTest
    @EnumSource(Handle.class)
    void everyCallOnAHandleKeptPastCloseFailsWithoutReachingTheDriver(Handle kind) throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection first = pool.getConnection();
            StubConnection physical = physical(first);
            Object stale = kind.open.from(first);
            first.close();

            try (Connection second = pool.getConnection()) {
                assertSame(physical, physical(second), "the next borrower has the same physical connection");
                Recording driver = RecordingDriver.of(physical);
                int mark = driver.calls().size();

                List<String> notRefused = new ArrayList<>();
                for (Method m : kind.type.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers()) && !ALLOWED_WHEN_CLOSED.contains(m.getName())) {
                        String refusal = refusal(m, stale);
                        if (refusal != null) {
                            notRefused.add(signature(m) + ": " + refusal);
                        }
                    }
                }
                assertEquals(List.of(), notRefused, "calls on a stale " + kind + " not refused as closed");
                callAllowedMethods(kind, stale);
                List<String> calls = driver.calls();
                assertEquals(List.of(), calls.subList(mark, calls.size()), "calls that reached the driver");

                assertTrue(second.createStatement().executeQuery("select 1").next());
            }
            assertEquals(0, pool.stats().closed(), "a stale handle's own 'connection is closed' evicted the connection");
        }
    }

    /** Null when calling {@code m} on {@code stale} threw the pool's "connection is closed", else what happened. */
    private static String refusal(Method m, Object stale) throws IllegalAccessException {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            // A class nothing here implements, so that unwrap and isWrapperFor have to ask the driver.
            args[i] = types[i] == Class.class ? Driver.class : RecordingDriver.zero(types[i]);
        }
        try {
            m.invoke(stale, args);
            return "returned normally";
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            boolean closed = t instanceof SQLException && "08003".equals(((SQLException) t).getSQLState())
                    && "connection is closed".equals(t.getMessage());
            return closed ? null : "threw " + t;
        }
    }

    private static String signature(Method m) {
        StringJoiner params = new StringJoiner(", ", m.getName() + "(", ")");
        for (Class<?> p : m.getParameterTypes()) {
            params.add(p.getSimpleName());
        }
        return params.toString();
    }

    private static void callAllowedMethods(Handle kind, Object stale) throws Exception {
        if (stale instanceof AutoCloseable) {
            assertTrue((Boolean) kind.type.getMethod("isClosed").invoke(stale));
            ((AutoCloseable) stale).close();
        }
        if (stale instanceof Connection) {
            Connection c = (Connection) stale;
            assertFalse(c.isValid(1));
            c.abort(Runnable::run);
            c.beginRequest();
            c.endRequest();
        }
    }

    @Test
    void aRefcursorReadWithGetObjectIsAHandleToo() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection c = pool.getConnection();
            StubConnection physical = physical(c);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select open_orders_cursor()");
            assertTrue(rs.next());
            RecordingDriver.of(physical).answerNext("ResultSet.getObject", physical.createStatement().executeQuery("fetch"));
            ResultSet cursor = (ResultSet) rs.getObject(1);
            assertSame(s, cursor.getStatement());
            c.close();

            Recording driver = RecordingDriver.of(physical);
            int mark = driver.calls().size();
            assertEquals("08003", assertThrows(SQLException.class, cursor::next).getSQLState());
            assertEquals(mark, driver.calls().size(), "a stale cursor reached the driver");
        }
    }

    @Test
    void metadataResultSetsNeverLeadToTheDriversStatementOrConnection() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording(); Connection c = pool.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            assertSame(c, md.getConnection());
            List<ResultSet> results = List.of(md.getTables(null, "public", "%", null),
                    md.getColumns(null, "public", "orders", "%"), md.getPrimaryKeys(null, "public", "orders"),
                    md.getTypeInfo());
            for (ResultSet rs : results) {
                Statement s = rs.getStatement();
                assertTrue(s == null || s.getConnection() == c,
                        () -> "a metadata result set's statement leads to " + connectionOf(s));
            }
        }
    }

    private static Object connectionOf(Statement s) {
        try {
            return s.getConnection();
        } catch (SQLException e) {
            return e;
        }
    }
}
