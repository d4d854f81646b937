package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubFault;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, leak 3: a driver (or credential source) that echoes the connection properties puts
 * the password into its exception, which the pool keeps as a cause and every stack trace prints.
 */
class ConnectFailureRedactionTest {

    private static void assertHidden(Throwable e, LogCapture log) {
        String trace = LogCapture.stackTrace(e);
        assertFalse(trace.contains(PASSWORD), () -> "the stack trace shows the password:\n" + trace);
        log.assertNeverContains(PASSWORD);
    }

    @Test
    void aDriverThatEchoesThePasswordAtStart() {
        String db = newDatabase();
        StubPools.behaviour(db).down("08001").echoProperties(true);
        try (LogCapture log = LogCapture.start()) {
            SQLException e = sqlFailure(() -> builder(db).build().close());
            assertHidden(e, log);
            SQLException cause = assertInstanceOf(SQLNonTransientConnectionException.class, e.getCause());
            assertEquals("08001", cause.getSQLState());
            assertTrue(cause.getMessage().contains("password=****"), cause.getMessage());
        }
    }

    @Test
    void aRejectedLoginThatEchoesThePassword() {
        String db = newDatabase();
        StubPools.behaviour(db).requirePassword("another").echoProperties(true);
        try (LogCapture log = LogCapture.start()) {
            SQLException e = sqlFailure(() -> builder(db).build().close());
            assertHidden(e, log);
            assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e.getCause());
            assertEquals("28P01", ((SQLException) e.getCause()).getSQLState());
        }
    }

    @Test
    void aBackgroundConnectThatEchoesThePasswordReachesTheTimedOutBorrower() throws Exception {
        String db = newDatabase();
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).maxSize(2).acquireTimeout(Duration.ofMillis(300)).build()) {
            StubPools.behaviour(db).down("08001").echoProperties(true);
            try (Connection held = pool.getConnection()) {
                SQLException e = sqlFailure(pool::getConnection);
                assertInstanceOf(SQLTransientConnectionException.class, e);
                assertHidden(e, log);
            }
        }
    }

    @Test
    void theCopyKeepsTypeStateCodeTraceCausesNextAndSuppressed() {
        String db = newDatabase();
        SQLNonTransientConnectionException[] thrown = new SQLNonTransientConnectionException[1];
        StubPools.behaviour(db).faults(StubFault.failOn("Driver.connect", () -> {
            SQLNonTransientConnectionException e = new SQLNonTransientConnectionException(
                    "cannot connect {user=app, password=" + PASSWORD + "}", "08004", 4711);
            e.initCause(new IOException("socket closed while sending " + PASSWORD));
            e.setNextException(new SQLException("next: " + PASSWORD, "08006", 7));
            e.addSuppressed(new IllegalStateException("suppressed " + PASSWORD));
            thrown[0] = e;
            return e;
        }));
        try (LogCapture log = LogCapture.start()) {
            SQLException e = sqlFailure(() -> builder(db).retry(RetryPolicy.none()).build().close());
            assertHidden(e, log);
            SQLNonTransientConnectionException copy = assertInstanceOf(SQLNonTransientConnectionException.class, e.getCause());
            assertEquals("cannot connect {user=app, password=****}", copy.getMessage());
            assertEquals("08004", copy.getSQLState());
            assertEquals(4711, copy.getErrorCode());
            assertArrayEquals(thrown[0].getStackTrace(), copy.getStackTrace());
            assertEquals("java.io.IOException: socket closed while sending ****", copy.getCause().toString());
            assertArrayEquals(thrown[0].getCause().getStackTrace(), copy.getCause().getStackTrace());
            assertEquals("next: ****", copy.getNextException().getMessage());
            assertEquals("08006", copy.getNextException().getSQLState());
            assertEquals(1, copy.getSuppressed().length);
            assertEquals("java.lang.IllegalStateException: suppressed ****", copy.getSuppressed()[0].toString());
        }
    }

    @Test
    void anExceptionThatShowsNoSecretIsKeptAsItIs() {
        String db = newDatabase();
        SQLException[] thrown = new SQLException[1];
        StubPools.behaviour(db).faults(StubFault.failOn("Driver.connect", () -> {
            thrown[0] = new SQLNonTransientConnectionException("connection refused", "08001");
            thrown[0].setNextException(new SQLException("and nothing else"));
            return thrown[0];
        }));
        SQLException e = sqlFailure(() -> builder(db).retry(RetryPolicy.none()).build().close());
        assertSame(thrown[0], e.getCause());
    }

    @Test
    void aCredentialSourceThatEchoesASecret() {
        String db = newDatabase();
        CredentialSource source = new CredentialSource() {
            @Override
            public DatabaseConfig config() {
                return new DatabaseConfig("jdbc:stub://" + db, Credentials.of("app", null), Map.of(), PoolSettings.defaults());
            }

            @Override
            public Credentials credentials() throws SQLException {
                throw new CredentialException("GetSecretValue answered {\"SecretString\": \"{\\\"password\\\":\\\""
                        + PASSWORD + "\\\"}\"}", new IllegalStateException("token=" + PASSWORD));
            }

            @Override
            public void invalidate() {
            }
        };
        try (LogCapture log = LogCapture.start()) {
            SQLException e = sqlFailure(() -> ConnectionPool.builder().credentials(source).retry(RetryPolicy.none())
                    .build().close());
            assertHidden(e, log);
            assertInstanceOf(CredentialException.class, e.getCause());
        }
    }
}
