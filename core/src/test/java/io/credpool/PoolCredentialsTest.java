package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Credentials come from the source for every new connection, and rotation costs no failed borrow. */
class PoolCredentialsTest {

    private static final String NEW_PASSWORD = "n3w-" + PASSWORD;

    @Test
    void everyNewPhysicalConnectionAsksTheSourceForCredentials() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        try (ConnectionPool pool = ConnectionPool.builder().credentials(source).maxSize(3).build();
             Connection a = pool.getConnection(); Connection b = pool.getConnection();
             Connection c = pool.getConnection()) {
            assertEquals(3, source.fetches.get());
            assertEquals("app", stub.lastUser());
            assertEquals(PASSWORD, stub.lastPassword());
            assertTrue(pool.toString().startsWith("ConnectionPool[" + db + ","), pool.toString());
        }
        assertEquals(1, source.closes.get());
    }

    @Test
    void aRejectedLoginInvalidatesTheSourceAndRetriesOnceAtOnce() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db).requirePassword(NEW_PASSWORD);
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        source.rotate(NEW_PASSWORD);
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = ConnectionPool.builder().credentials(source).build()) {
            assertEquals(1, source.invalidations.get());
            assertEquals(List.of(Credentials.of("app", PASSWORD)), source.refused,
                    "the pool tells the source which credentials the database refused");
            assertEquals(2, stub.connectAttempts());
            assertEquals(0, pool.stats().failedConnects());
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void aRotatedPasswordCostsNoFailedBorrow() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = ConnectionPool.builder().credentials(source).maxSize(4).build();
             Connection held = pool.getConnection()) {
            stub.requirePassword(NEW_PASSWORD);
            source.rotate(NEW_PASSWORD);
            try (Connection c = pool.getConnection()) {
                c.createStatement().execute("select 1");
            }
            try (Connection c2 = pool.getConnection(); Connection c3 = pool.getConnection()) {
                c3.createStatement().execute("select 1");
            }
            assertEquals(1, source.invalidations.get());
            assertEquals(NEW_PASSWORD, stub.lastPassword());
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void aLoginRejectedTwiceFailsTheBuildAtOnceNamingUserTargetAndProvider() {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db).requirePassword("something else");
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        try (LogCapture log = LogCapture.start()) {
            long start = System.nanoTime();
            SQLException e = sqlFailure(() -> ConnectionPool.builder().credentials(source).provider("secret-file")
                    .retry(RetryPolicy.defaults()).build());
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
            assertEquals("28P01", e.getSQLState());
            assertTrue(e.getMessage().startsWith("Authentication failed for user 'app' at " + db
                    + " with credentials from secret-file"), e.getMessage());
            assertTrue(elapsed < 900, "no backoff loop, but took " + elapsed + " ms");
            assertEquals(2, stub.connectAttempts());
            assertEquals(1, source.invalidations.get());
            assertEquals(1, source.closes.get());
            assertFalse(LogCapture.stackTrace(e).contains(PASSWORD));
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void aBorrowThatNeedsANewConnectionFailsFastWhenTheLoginIsRejectedTwice() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = ConnectionPool.builder().credentials(source).provider("secret-file")
                     .maxSize(2).acquireTimeout(Duration.ofSeconds(10)).build();
             Connection held = pool.getConnection()) {
            stub.requirePassword("rotated without telling us");
            long start = System.nanoTime();
            SQLException e = sqlFailure(pool::getConnection);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
            assertTrue(e.getMessage().contains("user 'app' at " + db + " with credentials from secret-file"),
                    e.getMessage());
            assertTrue(elapsed < 2000, "took " + elapsed + " ms");
            assertFalse(LogCapture.stackTrace(e).contains(PASSWORD));
            log.assertNeverContains(PASSWORD);
            held.createStatement().execute("select 1");
        }
    }

    @Test
    void credentialsGivenToTheBuilderTravelAsPropertiesNotInTheUrl() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = StubPools.builder(db).driverProperty("ApplicationName", "orders").build()) {
            assertEquals("app", stub.lastUser());
            assertEquals(PASSWORD, stub.lastPassword());
            assertFalse(pool.toString().contains(PASSWORD));
        }
    }
}
