package io.credpool.spring;

import io.credpool.PoolListener;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link PoolListener} that feeds the three timers of {@link CredpoolMetrics}:
 * {@code credpool.connections.acquire} (how long {@code getConnection()} took),
 * {@code credpool.connections.usage} (how long a connection was borrowed) and
 * {@code credpool.connections.creation} (how long opening a physical connection took). A listener
 * is given to a pool when it is built, and metrics are bound to a registry later, so this one
 * starts with no timer: events before {@link CredpoolMetrics#bindTo} are not recorded. Use one
 * per pool.
 *
 * <pre>{@code
 * PoolTimings timings = new PoolTimings();
 * ConnectionPool pool = ConnectionPool.builder().jdbcUrl(url).listener(timings).build();
 * new CredpoolMetrics(pool, timings).bindTo(registry);
 * }</pre>
 *
 * The Spring Boot auto-configuration does this for the pool it builds.
 */
public final class PoolTimings implements PoolListener {

    /** The timers of one registry. */
    record Timers(Timer acquire, Timer usage, Timer creation) {
    }

    private final List<Timers> bound = new CopyOnWriteArrayList<>();

    /** Creates timings that record nothing until bound. */
    public PoolTimings() {
    }

    /** Records into {@code timers} too: called by {@link CredpoolMetrics#bindTo}. */
    void add(Timers timers) {
        bound.add(timers);
    }

    /** Records the wait into {@code credpool.connections.acquire}. */
    @Override
    public void acquired(Duration waited) {
        for (Timers t : bound) {
            t.acquire().record(waited);
        }
    }

    /** Records the time held into {@code credpool.connections.usage}. */
    @Override
    public void released(Duration held) {
        for (Timers t : bound) {
            t.usage().record(held);
        }
    }

    /** Records the connect time into {@code credpool.connections.creation}. */
    @Override
    public void connected(Duration took) {
        for (Timers t : bound) {
            t.creation().record(took);
        }
    }
}
