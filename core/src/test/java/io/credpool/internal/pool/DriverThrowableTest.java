package io.credpool.internal.pool;

import static io.credpool.internal.pool.ProxyPools.assertCounts;
import static io.credpool.internal.pool.ProxyPools.assertDiscarded;
import static io.credpool.internal.pool.ProxyPools.physical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.internal.pool.RecordingDriver.Recording;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A driver that throws an Error or a RuntimeException, in any method, cannot make the pool lose
 * or double a lease: closing the connection afterwards returns it exactly once.
 */
class DriverThrowableTest {

    /** What a buggy driver might throw. */
    static final class DriverBug extends Error {
        DriverBug(String message) {
            super(message);
        }
    }

    @Test
    void closeReturnsTheConnectionOnceAfterTheDriverThrewFromAnyKindOfObject() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection c = pool.getConnection();
            StubConnection physical = physical(c);
            Recording driver = RecordingDriver.of(physical);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select 1");
            PreparedStatement ps = c.prepareStatement("select ?");

            driver.failNext("Connection.setReadOnly", () -> new IllegalStateException("driver state"));
            assertThrows(IllegalStateException.class, () -> c.setReadOnly(true));
            driver.failNext("Statement.execute", () -> new DriverBug("statement"));
            assertThrows(DriverBug.class, () -> s.execute("select 1"));
            driver.failNext("ResultSet.next", () -> new DriverBug("result set"));
            assertThrows(DriverBug.class, rs::next);
            driver.failNext("PreparedStatement.setInt", () -> new ArrayIndexOutOfBoundsException(1));
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> ps.setInt(1, 7));
            driver.failNext("Connection.createStatement", () -> new DriverBug("connection"));
            assertThrows(DriverBug.class, c::createStatement);

            c.close();
            c.close();
            assertCounts(pool, 1, 0, 1);
            try (Connection next = pool.getConnection()) {
                assertSame(physical, physical(next));
                assertFalse(next.isReadOnly(), "the setting changed before the driver threw was not restored");
            }
            assertCounts(pool, 1, 0, 1);
        }
    }

    @Test
    void anErrorWhileThePoolResetsTheConnectionDiscardsItInsteadOfKeepingItLent() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection c = pool.getConnection();
            StubConnection physical = physical(c);
            c.createStatement();
            // Returning the connection closes the statement the borrower left open.
            RecordingDriver.of(physical).failNext("Statement.close", () -> new DriverBug("close"));

            c.close();

            assertDiscarded(pool, physical);
        }
    }

    @Test
    void abortReturnsTheConnectionEvenWhenTheDriversAbortThrows() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            Connection c = pool.getConnection();
            StubConnection physical = physical(c);
            RecordingDriver.of(physical).failNext("Connection.abort", () -> new DriverBug("abort"));

            assertThrows(DriverBug.class, () -> c.abort(Runnable::run));

            assertTrue(c.isClosed());
            c.close();
            assertDiscarded(pool, physical);
        }
    }
}
