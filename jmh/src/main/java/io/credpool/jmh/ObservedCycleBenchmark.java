package io.credpool.jmh;

import io.credpool.ConnectionPool;
import io.credpool.PoolListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What watching a pool costs: the credpool cycle of {@link ConnectionCycleBenchmark} with no
 * observer, with a {@link PoolListener} that counts every borrow and return, and with a JFR
 * recording of the {@code credpool} events on (at their default settings: acquisitions only above
 * 10 ms, so the fast path records nothing and pays the enabled check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObservedCycleBenchmark {

    /** How the pool is watched. */
    @Param({"none", "listener", "jfr"})
    public String observer;

    private ConnectionPool pool;
    private Recording recording;

    /** A listener that counts, as a metrics bridge would. */
    static final class Counting implements PoolListener {
        final LongAdder acquired = new LongAdder();
        final LongAdder released = new LongAdder();

        @Override
        public void acquired(Duration waited) {
            acquired.increment();
        }

        @Override
        public void released(Duration held) {
            released.increment();
        }
    }

    /** Builds and fills the pool, and starts the recording when one is wanted. */
    @Setup(Level.Trial)
    public void start() throws SQLException {
        if (observer.equals("jfr")) {
            recording = new Recording();
            recording.enable("io.credpool.ConnectionAcquire").withThreshold(Duration.ofMillis(10));
            recording.enable("io.credpool.ConnectionCreate");
            recording.enable("io.credpool.AcquireTimeout");
            recording.enable("io.credpool.ConnectionEvict");
            recording.enable("io.credpool.PoolStatistics").withPeriod(Duration.ofSeconds(1));
            recording.start();
        }
        ConnectionPool.Builder builder = ConnectionPool.builder().jdbcUrl("jdbc:stub:bench").maxSize(16).minIdle(16)
                .acquireTimeout(Duration.ofSeconds(8));
        if (observer.equals("listener")) {
            builder.listener(new Counting());
        }
        pool = builder.build();
        Connection[] all = new Connection[16];
        for (int i = 0; i < all.length; i++) {
            all[i] = pool.getConnection();
        }
        for (Connection c : all) {
            c.close();
        }
    }

    /** Closes the pool and the recording. */
    @TearDown(Level.Trial)
    public void stop() {
        pool.close();
        if (recording != null) {
            recording.close();
        }
    }

    /** {@code getConnection()} then {@code close()}. */
    @Benchmark
    public Connection connectionCycle() throws SQLException {
        Connection connection = pool.getConnection();
        connection.close();
        return connection;
    }
}
