package io.credpool.internal.pool;

import static io.credpool.internal.pool.ProxyPools.assertDiscarded;
import static io.credpool.internal.pool.ProxyPools.physical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.credpool.ConnectionPool;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A write refused as read-only ({@code 25006}) on a connection its borrower did not make
 * read-only means the server was demoted: the connection is not lent again. On one the borrower
 * made read-only it is the borrower's own doing, and the connection stays.
 * ({@code PostgresFailoverTest} shows the whole failover against two real servers.)
 */
class ReadOnlyServerTest {

    private static final RecordingDriver.Fault READ_ONLY =
            () -> new SQLException("cannot execute INSERT in a read-only transaction", "25006");

    @Test
    void aReadOnlyRefusalOnAWritableConnectionDiscardsIt() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            StubConnection demoted;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                demoted = physical(c);
                RecordingDriver.of(demoted).failNext("Statement.executeUpdate", READ_ONLY);
                assertEquals("25006", assertThrows(SQLException.class,
                        () -> s.executeUpdate("insert into t values (1)")).getSQLState());
            }
            assertDiscarded(pool, demoted);
        }
    }

    @Test
    void aReadOnlyRefusalOnAConnectionTheBorrowerMadeReadOnlyKeepsIt() throws Exception {
        try (ConnectionPool pool = ProxyPools.recording()) {
            StubConnection kept;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                kept = physical(c);
                c.setReadOnly(true);
                RecordingDriver.of(kept).failNext("Statement.executeUpdate", READ_ONLY);
                assertEquals("25006", assertThrows(SQLException.class,
                        () -> s.executeUpdate("insert into t values (1)")).getSQLState());
            }
            try (Connection next = pool.getConnection()) {
                assertSame(kept, physical(next), "the borrower's own read-only transaction evicted the connection");
            }
        }
    }
}
