package io.credpool.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.credpool.ConnectionPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Borrow a connection and give it back, nothing else: the cost a pool adds to every request.
 *
 * <p>Both pools sit on the testkit stub driver (connect and {@code isValid} cost nothing), are
 * filled up front and have the same size, so the pool's own bookkeeping is all that is measured.
 * With more threads than connections ({@code -t 32} against 16) the hand-off between threads
 * is measured too. Run it as docs/benchmarks.md shows; it never runs in CI.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConnectionCycleBenchmark {

    /** The pool under test. */
    @Param({"credpool", "hikari"})
    public String pool;

    /** Maximum (and minimum idle) connections of either pool. */
    @Param({"16"})
    public int maxSize;

    private DataSource dataSource;
    private AutoCloseable closer;

    /** Builds and fills the pool under test. */
    @Setup(Level.Trial)
    public void start() throws SQLException {
        String url = "jdbc:stub:bench";
        if (pool.equals("hikari")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(maxSize);
            config.setMinimumIdle(maxSize);
            config.setConnectionTimeout(8_000);
            HikariDataSource hikari = new HikariDataSource(config);
            dataSource = hikari;
            closer = hikari;
        } else {
            ConnectionPool credpool = ConnectionPool.builder()
                    .jdbcUrl(url)
                    .maxSize(maxSize)
                    .minIdle(maxSize)
                    .acquireTimeout(Duration.ofSeconds(8))
                    .build();
            dataSource = credpool;
            closer = credpool;
        }
        // Fill the pool before measuring so neither side pays for connects inside the iterations.
        Connection[] all = new Connection[maxSize];
        for (int i = 0; i < maxSize; i++) {
            all[i] = dataSource.getConnection();
        }
        for (Connection c : all) {
            c.close();
        }
    }

    /** Closes the pool under test. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        closer.close();
    }

    /** {@code getConnection()} then {@code close()}. */
    @Benchmark
    public Connection connectionCycle() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        return connection;
    }

    /**
     * The same cycle with the connection kept inside the method, as in code that borrows and
     * returns within one call: returning it to JMH (as {@link #connectionCycle} does) makes the
     * handle escape, so only here can the JIT keep it off the heap.
     */
    @Benchmark
    public void cycleNotEscaping() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
    }
}
