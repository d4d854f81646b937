package io.credpool;

import static org.junit.jupiter.api.Assertions.fail;

import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubConnection;
import io.credpool.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Pools on fresh stub databases, and small helpers the pool tests share. */
final class StubPools {

    /** The test password: it must never show up in a log line or an exception message. */
    static final String PASSWORD = "s3cr3t-Pa55w0rd!";
    /** Start-up retries that keep tests fast: at once, +20 ms, +40 ms. */
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100), 0.0);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private StubPools() {
    }

    /** A new stub database, named like a real target: {@code db.example:5432/t<n>}. */
    static String newDatabase() {
        String name = "db.example:5432/t" + DATABASES.incrementAndGet();
        StubDriver.behaviour(name);
        return name;
    }

    static StubBehaviour behaviour(String database) {
        return StubDriver.behaviour(database);
    }

    /** A builder for {@code database} as user {@code app} with {@link #PASSWORD}, fast retries, 2 s acquire timeout. */
    static ConnectionPool.Builder builder(String database) {
        return ConnectionPool.builder()
                .jdbcUrl("jdbc:stub://" + database)
                .username("app")
                .password(PASSWORD)
                .retry(FAST)
                .acquireTimeout(Duration.ofSeconds(2));
    }

    /** The driver's connection behind a borrowed one. */
    static StubConnection raw(Connection c) throws SQLException {
        return c.unwrap(StubConnection.class);
    }

    /** Names of live pool threads. */
    static List<String> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("credpool-"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Runs {@code body}, returning the SQLException it throws; fails when it throws none. */
    static SQLException sqlFailure(SqlBody body) {
        try {
            body.run();
        } catch (SQLException e) {
            return e;
        }
        return fail("expected an SQLException");
    }

    /** A block that may throw SQLException. */
    @FunctionalInterface
    interface SqlBody {
        void run() throws SQLException;
    }
}
