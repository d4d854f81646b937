package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation, eviction, lifetime and idle timeout. */
class PoolHealthTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08003", "57P01", "57P02", "57P03"})
    void evictsAConnectionThatRaisedAConnectionError(String sqlState) throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection broken;
            try (Connection c = pool.getConnection()) {
                broken = raw(c);
                stub.failExecutes(1, sqlState);
                assertEquals(sqlState, sqlFailure(() -> c.createStatement().execute("select 1")).getSQLState());
            }
            eventually(Duration.ofSeconds(2), "evicted connection closed", broken::isClosed);
            try (Connection c = pool.getConnection()) {
                assertNotSame(broken, raw(c));
            }
            assertEquals(1, pool.stats().closed());
        }
    }

    @Test
    void keepsAConnectionAfterAnOrdinaryError() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).build()) {
            StubConnection physical;
            try (Connection c = pool.getConnection()) {
                physical = raw(c);
                stub.failExecutes(1, "23505");
                sqlFailure(() -> c.prepareStatement("insert").executeUpdate());
            }
            try (Connection c = pool.getConnection()) {
                assertSame(physical, raw(c));
            }
        }
    }

    @Test
    void validatesOnlyAConnectionIdleForMoreThanHalfASecond() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).build()) {
            pool.getConnection().close();
            pool.getConnection().close();
            assertEquals(0, stub.isValidCalls());
            Thread.sleep(600);
            pool.getConnection().close();
            assertEquals(1, stub.isValidCalls());
        }
    }

    @Test
    void discardsADeadIdleConnectionAndLendsAnotherWithinTheSameBorrow() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(2).build()) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            StubConnection dead = raw(b);
            a.close();
            b.close();
            Thread.sleep(600);
            dead.breakWith("08006");
            try (Connection c = pool.getConnection()) {
                assertNotSame(dead, raw(c));
                c.createStatement().execute("select 1");
            }
            eventually(Duration.ofSeconds(2), "dead connection closed", dead::isClosed);
        }
    }

    @Test
    void whenEveryIdleConnectionIsDeadTheBorrowGetsAFreshOne() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).maxSize(2).build()) {
            StubConnection old;
            try (Connection c = pool.getConnection()) {
                old = raw(c);
            }
            Thread.sleep(600);
            stub.breakAll("57P01");
            try (Connection c = pool.getConnection()) {
                assertNotSame(old, raw(c));
                c.createStatement().execute("select 1");
            }
        }
    }

    @Test
    void afterAFatalErrorTheOtherConnectionsAreValidatedBeforeUse() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        try (ConnectionPool pool = builder(db).maxSize(2).build()) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            b.close();
            stub.failExecutes(1, "57P01");
            sqlFailure(() -> a.createStatement().execute("select 1"));
            a.close();
            long before = stub.isValidCalls();
            pool.getConnection().close();
            assertEquals(before + 1, stub.isValidCalls());
        }
    }

    @Test
    void retiresIdleConnectionsAtTheirMaxLifetime() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxLifetime(Duration.ofMillis(300)).build()) {
            StubConnection first;
            try (Connection c = pool.getConnection()) {
                first = raw(c);
            }
            eventually(Duration.ofSeconds(3), "expired connection closed", first::isClosed);
            assertEquals(0, pool.stats().total());
            try (Connection c = pool.getConnection()) {
                assertNotSame(first, raw(c));
            }
        }
    }

    @Test
    void neverClosesABorrowedConnectionUnderItsBorrower() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxLifetime(Duration.ofMillis(200))
                .idleTimeout(Duration.ofMillis(200)).build()) {
            Connection c = pool.getConnection();
            StubConnection physical = raw(c);
            Thread.sleep(700);
            assertFalse(physical.isClosed());
            c.createStatement().execute("select 1");
            c.close();
            eventually(Duration.ofSeconds(2), "expired connection closed on return", physical::isClosed);
        }
    }

    @Test
    void closesIdleConnectionsDownToMinIdle() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(4).minIdle(1).idleTimeout(Duration.ofMillis(300)).build()) {
            Connection[] held = new Connection[4];
            for (int i = 0; i < held.length; i++) {
                held[i] = pool.getConnection();
            }
            for (Connection c : held) {
                c.close();
            }
            assertEquals(4, pool.stats().idle());
            eventually(Duration.ofSeconds(3), "idle connections closed", () -> pool.stats().total() == 1);
            Thread.sleep(300);
            assertEquals(1, pool.stats().total());
            assertEquals(1, StubPools.behaviour(db).openConnections());
        }
    }

    @Test
    void theIdleTimeoutCountsFromTheReturnNotFromTheBorrow() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(2).idleTimeout(Duration.ofMillis(400)).build()) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            StubConnection held = raw(b);
            a.close();
            Thread.sleep(700);
            b.close();
            Thread.sleep(150);
            assertFalse(held.isClosed(), "closed as if it had been idle while borrowed");
            eventually(Duration.ofSeconds(3), "idle connection closed", held::isClosed);
        }
    }

    @Test
    void opensConnectionsUpToMinIdleInTheBackground() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).maxSize(5).minIdle(3).build()) {
            eventually(Duration.ofSeconds(3), "three idle connections", () -> pool.stats().idle() == 3);
            assertEquals(3, StubPools.behaviour(db).openConnections());
        }
    }
}
