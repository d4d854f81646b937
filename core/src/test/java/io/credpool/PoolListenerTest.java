package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link PoolListener}: what the pool tells it, and that a broken listener breaks nothing. */
class PoolListenerTest {

    /** Writes down every callback as {@code name} or {@code name:detail}, with the durations apart. */
    static final class Recorder implements PoolListener {

        final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Duration> waits = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Duration> holds = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Duration> timeouts = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<SQLException> failures = new ConcurrentLinkedQueue<>();

        @Override
        public void acquired(Duration waited) {
            events.add("acquired");
            waits.add(waited);
        }

        @Override
        public void released(Duration held) {
            events.add("released");
            holds.add(held);
        }

        @Override
        public void connected(Duration took) {
            events.add("connected");
        }

        @Override
        public void connectFailed(SQLException cause, int attempt) {
            events.add("connectFailed:" + attempt);
            failures.add(cause);
        }

        @Override
        public void timedOut(Duration waited) {
            events.add("timedOut");
            timeouts.add(waited);
        }

        @Override
        public void evicted(String reason) {
            events.add("evicted:" + reason);
        }

        @Override
        public void credentialsRefreshed(String provider) {
            events.add("credentialsRefreshed:" + provider);
        }

        List<String> list() {
            return new ArrayList<>(events);
        }
    }

    @Test
    void theListenerHearsStartBorrowsReturnsTimeoutsAndEvictions() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).failConnects(2, "08001");
        Recorder r = new Recorder();
        try (ConnectionPool pool = builder(db).maxSize(1).acquireTimeout(Duration.ofMillis(150)).listener(r).build()) {
            assertEquals(List.of("connectFailed:1", "connectFailed:2", "connected"), r.list(), "start-up");
            for (SQLException cause : r.failures) {
                assertEquals("08001", cause.getSQLState());
            }
            r.events.clear();

            Connection c = pool.getConnection();
            Thread.sleep(30);
            sqlFailure(pool::getConnection);
            c.close();
            assertEquals(List.of("acquired", "timedOut", "released"), r.list());
            assertTrue(r.timeouts.peek().toMillis() >= 150, "waited the whole timeout: " + r.timeouts);
            assertTrue(r.holds.peek().toMillis() >= 30, "held across the sleep: " + r.holds);
            r.events.clear();

            Connection d = pool.getConnection();
            d.abort(Runnable::run);
            assertEquals(List.of("acquired", "released", "evicted:aborted"), r.list(), "told before abort returns");
        }
    }

    @Test
    void aFatalErrorAndAnIdleTimeoutAreReportedWithTheirReasons() throws Exception {
        String db = newDatabase();
        Recorder r = new Recorder();
        try (ConnectionPool pool = builder(db).maxSize(2).idleTimeout(Duration.ofMillis(100)).listener(r).build()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                StubPools.behaviour(db).failExecutes(1, "08006");
                sqlFailure(() -> s.execute("select 1"));
            }
            assertTrue(r.list().contains("evicted:broken"), r.list()::toString);
            try (Connection c = pool.getConnection()) {
                assertFalse(c.isClosed());
            }
            eventually(Duration.ofSeconds(3), "the idle connection evicted", () -> r.events.contains("evicted:idle timeout"));
        }
    }

    @Test
    void aPasswordChangeIsReportedAsARefreshOfTheProvider() throws Exception {
        String db = newDatabase();
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        StubPools.behaviour(db).requirePassword(PASSWORD);
        Recorder r = new Recorder();
        try (ConnectionPool pool = ConnectionPool.builder().credentials(source).provider("test-vault").maxSize(2)
                .listener(r).build()) {
            Connection kept = pool.getConnection();
            source.rotate("n3w-Pa55w0rd!");
            StubPools.behaviour(db).requirePassword("n3w-Pa55w0rd!");
            try (Connection c = pool.getConnection()) {
                assertFalse(c.isClosed());
            }
            kept.close();
            assertEquals(1, r.list().stream().filter(e -> e.equals("credentialsRefreshed:test-vault")).count(),
                    r.list()::toString);
        }
    }

    @Test
    void aListenerThatThrowsIsLoggedOnceAndBreaksNothing() throws Exception {
        String db = newDatabase();
        PoolListener hostile = new PoolListener() {
            @Override
            public void acquired(Duration waited) {
                throw new IllegalStateException("listener bug " + PASSWORD);
            }

            @Override
            public void released(Duration held) {
                throw new AssertionError("listener error");
            }

            @Override
            public void connected(Duration took) {
                throw new StackOverflowError();
            }

            @Override
            public void timedOut(Duration waited) {
                throw new IllegalStateException();
            }
        };
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).maxSize(2).acquireTimeout(Duration.ofMillis(100)).listener(hostile).build()) {
            for (int i = 0; i < 50; i++) {
                try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                    assertFalse(a.isClosed() || b.isClosed());
                    if (i == 0) {
                        sqlFailure(pool::getConnection);
                    }
                }
            }
            assertEquals(new PoolStats(2, 0, 2, 0, 2, 0, 1, 0), pool.stats(), "every borrow returned, nothing leaked");
            List<String> complaints = log.messages().stream().filter(m -> m.contains("listener"))
                    .collect(Collectors.toList());
            assertEquals(1, complaints.size(), complaints::toString);
            assertTrue(complaints.get(0).contains(hostile.getClass().getName()), complaints::toString);
            assertTrue(log.messagesAt(Level.WARNING).containsAll(complaints));
            log.assertNeverContains(PASSWORD);
        }
    }
}
