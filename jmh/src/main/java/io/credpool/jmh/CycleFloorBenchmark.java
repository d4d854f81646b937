package io.credpool.jmh;

import io.credpool.testkit.stub.StubDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link ConnectionCycleBenchmark}: what a {@code connectionCycle} costs with no
 * pool, on the same stub driver, so that a pool's own overhead can be read off in nanoseconds.
 *
 * <ul>
 *   <li>{@link #rawStubCycle}: {@code StubDriver.connect} then {@code close()}, no pool at all:
 *       the stub's own cost to open and close a connection (a pool never pays it per cycle).
 *   <li>{@link #twoAtomicCycle}: sixteen stub connections opened up front; a cycle takes one with
 *       one atomic swap and puts it back with one compare-and-set, and hands out the raw
 *       connection. That is the least any pool can do (the stub costs nothing once open), the
 *       floor the pool's overhead is measured above.
 *   <li>{@link #clockRead}: one {@link System#nanoTime()}, which a pool that keeps ages reads
 *       once per borrow; its price depends on the machine's clock source.
 *   <li>{@link #twoAtomicClockCycle}: the floor plus that clock read, kept per connection.
 *   <li>{@link #leaseCycle}: that plus a handle per borrow whose {@code close()} ends the lease
 *       with a compare-and-set on the handle's own field, as credpool's {@code ConnectionProxy}
 *       did until its lease number moved to the slot (it now ends the lease with a
 *       compare-and-set on the slot, so the handle is no atomic's target): kept as the measure of
 *       what a compare-and-set on the handle itself costs.
 *   <li>{@link #plainLeaseCycle}: the same handle ended by a volatile read and write instead of a
 *       compare-and-set (not safe against two racing closes): shows whether the JIT can keep
 *       the handle off the heap when no atomic operation targets it.
 * </ul>
 *
 * Run it in the same JMH run as {@link ConnectionCycleBenchmark} (see jmh/run-wave2.sh); it
 * never runs in CI.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CycleFloorBenchmark {

    private static final int SIZE = 16;
    private static final String URL = StubDriver.url("floor");

    private final StubDriver driver = StubDriver.register();
    private final Properties info = new Properties();
    private final AtomicReferenceArray<Connection> idle = new AtomicReferenceArray<>(SIZE);
    private final long[] lastBorrowed = new long[SIZE];
    /** The connection taken from each place, for whoever took it. */
    private final Connection[] taken = new Connection[SIZE];

    /** A thread's first place to look, spread by thread so threads rarely meet. */
    @State(Scope.Thread)
    public static class Home {
        int index;

        /** Picks the calling thread's home slot. */
        @Setup(Level.Trial)
        @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
        public void pick() {
            index = (int) (Thread.currentThread().getId() & (SIZE - 1));
        }
    }

    /** Opens the connections of {@link #twoAtomicCycle}. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        for (int i = 0; i < SIZE; i++) {
            idle.set(i, driver.connect(URL, info));
        }
    }

    /** Closes them. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        for (int i = 0; i < SIZE; i++) {
            Connection c = idle.getAndSet(i, null);
            if (c != null) {
                c.close();
            }
        }
    }

    /** {@code connect} then {@code close()} on the raw driver. */
    @Benchmark
    public Connection rawStubCycle() throws SQLException {
        Connection connection = driver.connect(URL, info);
        connection.close();
        return connection;
    }

    /** Take an open connection with one atomic swap, put it back with one compare-and-set. */
    @Benchmark
    public Connection twoAtomicCycle(Home home) {
        int i = home.index;
        Connection connection;
        while ((connection = idle.getAndSet(i, null)) == null) {
            i = (i + 1) & (SIZE - 1);
        }
        if (!idle.compareAndSet(i, null, connection)) {
            throw new IllegalStateException("slot " + i + " was refilled while taken");
        }
        return connection;
    }

    /** One read of the monotonic clock. */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    /** {@link #twoAtomicCycle} plus one clock read, kept as the connection's last borrow. */
    @Benchmark
    public void twoAtomicClockCycle(Home home) {
        int i = take(home);
        lastBorrowed[i] = System.nanoTime();
        put(i);
    }

    /** {@link #twoAtomicClockCycle} plus a lease handle ended by a compare-and-set on its own field. */
    @Benchmark
    public void leaseCycle(Home home) {
        int i = take(home);
        lastBorrowed[i] = System.nanoTime();
        Lease lease = new Lease(taken[i]);
        if (!lease.end()) {
            throw new IllegalStateException("lease ended twice");
        }
        put(i);
    }

    /** {@link #leaseCycle} with the lease ended by a volatile read and write, not a compare-and-set. */
    @Benchmark
    public void plainLeaseCycle(Home home) {
        int i = take(home);
        lastBorrowed[i] = System.nanoTime();
        Lease lease = new Lease(taken[i]);
        if (!lease.endPlain()) {
            throw new IllegalStateException("lease ended twice");
        }
        put(i);
    }

    private int take(Home home) {
        int i = home.index;
        Connection connection;
        while ((connection = idle.getAndSet(i, null)) == null) {
            i = (i + 1) & (SIZE - 1);
        }
        taken[i] = connection;
        return i;
    }

    private void put(int i) {
        if (!idle.compareAndSet(i, null, taken[i])) {
            throw new IllegalStateException("slot " + i + " was refilled while taken");
        }
    }

    /** A borrowed connection's handle: the one compare-and-set that wins ends the lease. */
    static final class Lease {
        private static final VarHandle DELEGATE;
        private static final Object ENDED = new Object();

        static {
            try {
                DELEGATE = MethodHandles.lookup().findVarHandle(Lease.class, "delegate", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Connection raw;
        private volatile Object delegate;

        Lease(Connection raw) {
            this.raw = raw;
            DELEGATE.set(this, raw);
        }

        boolean end() {
            return DELEGATE.compareAndSet(this, raw, ENDED);
        }

        boolean endPlain() {
            if (delegate != raw) {
                return false;
            }
            delegate = ENDED;
            return true;
        }
    }
}
