package io.credpool.testkit.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fault hook and call listener of the stub driver, and its metadata. */
class StubFaultTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String name = "stub-fault-" + DATABASES.incrementAndGet();
    private final StubBehaviour db = StubDriver.behaviour(name);

    private StubConnection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "app");
        return (StubConnection) StubDriver.register().connect(StubDriver.url(name), login);
    }

    /** A call as the listener saw it. */
    private record Seen(String call, StubConnection connection, Thread thread) {
    }

    @Test
    void theListenerHearsEveryCallWithItsNameConnectionAndThread() throws SQLException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        db.onCall((call, connection, thread) -> seen.add(new Seen(call, connection, thread)));

        StubConnection c = connect();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
        }
        try (PreparedStatement ps = c.prepareStatement("select ?")) {
            ps.setInt(1, 1);
            ps.executeQuery();
        }
        DatabaseMetaData md = c.getMetaData();
        md.getTables(null, null, "%", null).next();
        c.isValid(1);
        c.close();

        assertEquals(List.of("Driver.connect", "Connection.createStatement", "Statement.executeQuery",
                "ResultSet.next", "ResultSet.close", "Statement.close", "Connection.prepareStatement",
                "PreparedStatement.setInt", "PreparedStatement.executeQuery", "PreparedStatement.close",
                "Connection.getMetaData", "DatabaseMetaData.getTables", "ResultSet.next", "Connection.isValid",
                "Connection.close"), seen.stream().map(Seen::call).toList());
        assertNull(seen.get(0).connection(), "a connect has no connection yet");
        for (Seen s : seen.subList(1, seen.size())) {
            assertSame(c, s.connection(), s.call());
        }
        assertTrue(seen.stream().allMatch(s -> s.thread() == Thread.currentThread()));
    }

    @Test
    void faultsPassSqlExceptionsRuntimeExceptionsAndErrorsThroughUnchanged() throws SQLException {
        StubConnection c = connect();
        SQLException broken = new SQLException("terminating connection", "57P01");
        IllegalStateException bug = new IllegalStateException("driver bug");
        OutOfMemoryError oom = new OutOfMemoryError("injected");
        db.faults(StubFault.failOn("Connection.commit", () -> broken)
                .and(StubFault.failOn("Connection.rollback", () -> bug))
                .and(StubFault.failOn("Connection.close", () -> oom)));

        assertSame(broken, assertThrows(SQLException.class, c::commit));
        assertSame(bug, assertThrows(IllegalStateException.class, c::rollback));
        assertSame(oom, assertThrows(OutOfMemoryError.class, c::close));
        assertFalse(c.isClosed(), "the fault runs before the call does anything");
        assertEquals(1, db.openConnections());
    }

    @Test
    void aCheckedExceptionPassesEvenThroughAMethodThatDoesNotDeclareIt() throws SQLException {
        StubConnection c = connect();
        IOException reset = new IOException("connection reset");
        db.faults(StubFault.failOn("Connection.isClosed", () -> reset));

        Throwable thrown = assertThrows(Throwable.class, c::isClosed);

        assertSame(reset, thrown);
    }

    @Test
    void aFailedConnectNeverLogsIn() throws SQLException {
        db.faults(StubFault.failOnce(StubFault.CONNECT, () -> new SQLException("no route to host", "08001")));

        SQLException e = assertThrows(SQLException.class, this::connect);

        assertEquals("08001", e.getSQLState());
        assertEquals(1, db.connectAttempts());
        assertEquals(0, db.connects());
        assertEquals(0, db.openConnections());
        connect();
        assertEquals(1, db.connects(), "only the first connect failed");
    }

    @Test
    void failOnFailsEveryNamedCallAndNoOther() throws SQLException {
        StubConnection c = connect();
        db.faults(StubFault.failOn("Statement.executeUpdate", () -> new SQLException("relation missing", "42P01")));

        try (Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeUpdate("x")).getSQLState());
            }
            s.executeQuery("select 1").close();
        }
        try (PreparedStatement ps = c.prepareStatement("update x")) {
            assertEquals(1, ps.executeUpdate(), "a prepared statement's calls have their own name");
        }
    }

    @Test
    void failTimesFailsExactlyThatManyCallsUnderConcurrency() throws Exception {
        StubConnection c = connect();
        db.faults(StubFault.failTimes("Connection.isValid", 100, () -> new SQLException("timeout", "08006")));
        AtomicInteger failures = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try {
                            c.isValid(1);
                        } catch (SQLException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(100, failures.get());
        assertEquals(300, db.isValidCalls(), "the 100 failed calls never reached the stub's isValid");
    }

    @Test
    void aHangLastsItsDurationWhateverTheInterruptsWithoutSpinningAndKeepsTheFlag() throws SQLException {
        StubConnection c = connect();
        db.faults(StubFault.hangOn("Connection.isValid", Duration.ofMillis(300)));
        Thread self = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            for (int i = 0; i < 5; i++) {
                self.interrupt();
                StubFault.hang(Duration.ofMillis(20));
            }
        });
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();

        interrupter.start();
        boolean valid = c.isValid(1);

        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuMillis = TimeUnit.NANOSECONDS.toMillis(mx.getCurrentThreadCpuTime() - cpu);
        boolean interrupted = Thread.interrupted();
        assertTrue(valid, "the call proceeds after the hang");
        assertTrue(wallMillis >= 300, "hung for " + wallMillis + " ms only");
        assertTrue(wallMillis < 5000, "hung for " + wallMillis + " ms");
        assertTrue(cpuMillis < 150, "a hang must park, not spin: " + cpuMillis + " ms of CPU in " + wallMillis + " ms");
        assertTrue(interrupted, "the interrupts that arrived are not lost");
    }

    @Test
    void hangOnceHangsTheFirstCallOnly() throws SQLException {
        StubConnection c = connect();
        db.faults(StubFault.hangOnce("Connection.close", Duration.ofMillis(200)));

        long first = timeMillis(c::close);
        long second = timeMillis(c::close);

        assertTrue(first >= 200, "first close took " + first + " ms");
        assertTrue(second < 150, "second close took " + second + " ms");
    }

    @Test
    void slowConnectsDelayEveryConnectBeforeTheLogin() throws SQLException {
        db.faults(StubFault.slowConnects(Duration.ofMillis(150)));

        long first = timeMillis(this::connect);
        long second = timeMillis(this::connect);

        assertTrue(first >= 150 && second >= 150, first + " ms and " + second + " ms");
        assertEquals(2, db.connects());
    }

    @Test
    void andRunsTheSecondFaultOnlyWhenTheFirstLetTheCallThrough() throws SQLException {
        List<String> order = new CopyOnWriteArrayList<>();
        db.faults(((StubFault) (call, c) -> order.add("first " + call))
                .and(StubFault.failOnce("Connection.commit", () -> new SQLException("x", "40001")))
                .and((call, c) -> order.add("third " + call)));
        StubConnection c = connect();

        assertThrows(SQLException.class, c::commit);
        c.commit();

        assertEquals(List.of("first Driver.connect", "third Driver.connect", "first Connection.commit",
                "first Connection.commit", "third Connection.commit"), order);
    }

    @Test
    void removingOneHookKeepsTheOtherAndResetRemovesBoth() throws SQLException {
        List<String> seen = new CopyOnWriteArrayList<>();
        db.onCall((call, c, t) -> seen.add(call));
        db.faults(StubFault.failOn("Connection.commit", () -> new SQLException("x", "40001")));
        StubConnection c = connect();

        db.faults(null);
        c.commit();
        assertEquals(List.of("Driver.connect", "Connection.commit"), seen);

        db.faults(StubFault.failOn("Connection.commit", () -> new SQLException("x", "40001")));
        db.reset();
        c.commit();
        assertEquals(2, seen.size(), "reset removed the listener");
    }

    @Test
    void metaDataKnowsItsConnectionAndAnswersQueriesWithSmallResultSets() throws SQLException {
        db.rows(3);
        StubConnection c = connect();
        DatabaseMetaData md = c.getMetaData();

        assertSame(c, md.getConnection());
        assertEquals(StubDriver.url(name), md.getURL());
        assertEquals("app", md.getUserName());
        assertEquals(StubConnection.DEFAULT_ISOLATION, md.getDefaultTransactionIsolation());
        assertEquals(3, count(md.getTables(null, "public", "%", new String[] {"TABLE"})));
        assertEquals(3, count(md.getColumns(null, "public", "t", "%")));
        assertEquals(0, count(md.getPrimaryKeys(null, "public", "t")));
        assertNull(md.getTables(null, null, "%", null).getStatement(), "metadata results have no statement");

        c.close();
        assertEquals("08003", assertThrows(SQLException.class, () -> md.getTables(null, null, "%", null))
                .getSQLState());
        assertEquals(StubDriver.url(name), md.getURL(), "plain getters need no round trip");
    }

    private static int count(ResultSet rs) throws SQLException {
        int n = 0;
        while (rs.next()) {
            assertEquals(n + 1, rs.getInt(1));
            n++;
        }
        return n;
    }

    /** A block that may throw SQLException. */
    @FunctionalInterface
    private interface SqlBlock {
        void run() throws SQLException;
    }

    private static long timeMillis(SqlBlock block) throws SQLException {
        long start = System.nanoTime();
        block.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
