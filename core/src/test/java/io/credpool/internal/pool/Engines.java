package io.credpool.internal.pool;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.PoolListener;
import io.credpool.PoolSettings;
import io.credpool.RetryPolicy;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubDriver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Pool engines on fresh stub databases, started directly so that tests can give them a clock. */
final class Engines {

    /** The test password: it must never show up in a log line or an exception message. */
    static final String PASSWORD = "eng1ne-Pa55w0rd!";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100), 0.0);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Engines() {
    }

    /** A new stub database, named like a real target. */
    static String newDatabase() {
        String name = "engine.example:5432/e" + DATABASES.incrementAndGet();
        StubDriver.behaviour(name);
        return name;
    }

    static StubBehaviour behaviour(String database) {
        return StubDriver.behaviour(database);
    }

    /** Defaults with {@code maxSize}, fast start-up retries and a 2 s acquire timeout. */
    static PoolSettings settings(int maxSize) {
        return PoolSettings.defaults().withMaxSize(maxSize).withRetry(FAST).withAcquireTimeout(Duration.ofSeconds(2));
    }

    static Pool start(String database, PoolSettings settings, Clock clock) throws SQLException {
        return Pool.start(config(database, settings, new Source(database, settings)), clock);
    }

    static Pool start(String database, PoolSettings settings, Clock clock, PoolListener listener) throws SQLException {
        PoolSetup c = config(database, settings, new Source(database, settings));
        return Pool.start(new PoolSetup(c.jdbcUrl(), c.target(), c.driver(), c.driverProperties(), c.settings(),
                c.source(), c.provider(), false, c.name(), listener), clock);
    }

    static Pool start(String database, PoolSettings settings, CredentialSource source) throws SQLException {
        return Pool.start(config(database, settings, source), Clock.SYSTEM);
    }

    static PoolSetup config(String database, PoolSettings settings, CredentialSource source) {
        return new PoolSetup(StubDriver.url(database), database, StubDriver.register(), Map.of(), settings, source,
                "test", false, database, null);
    }

    /** CPU time the whole JVM has used, in nanoseconds (ticks of about 10 ms). */
    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** A credential source whose next answers a test can replace with a throwable. */
    static final class Source implements CredentialSource {

        private final DatabaseConfig config;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger closes = new AtomicInteger();

        Source(String database, PoolSettings settings) {
            this.config = new DatabaseConfig(StubDriver.url(database), Credentials.of("app", PASSWORD), Map.of(),
                    settings);
        }

        @Override
        public DatabaseConfig config() {
            return config;
        }

        @Override
        public Credentials credentials() throws SQLException {
            Throwable t = failure.get();
            if (t instanceof SQLException) {
                throw (SQLException) t;
            } else if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            } else if (t instanceof Error) {
                throw (Error) t;
            }
            return Credentials.of("app", PASSWORD);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** A clock that moves only when told. */
    static final class ManualClock implements Clock {

        private final AtomicLong now = new AtomicLong(System.nanoTime());

        @Override
        public long nanoTime() {
            return now.get();
        }

        void advance(Duration d) {
            now.addAndGet(d.toNanos());
        }
    }
}
