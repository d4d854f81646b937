package io.credpool.spring;

import io.credpool.ConnectionPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * A pool's meters for Micrometer, each tagged {@code pool} = {@link ConnectionPool#name()}:
 *
 * <ul>
 * <li>{@code credpool.connections} (gauge, tag {@code state} = {@code active} / {@code idle})</li>
 * <li>{@code credpool.connections.pending} (gauge: threads waiting for a connection)</li>
 * <li>{@code credpool.connections.max} (gauge: the pool's maximum size)</li>
 * <li>{@code credpool.connections.timeout} (counter: borrows that gave up)</li>
 * <li>{@code credpool.connections.acquire}, {@code .usage}, {@code .creation} (timers), when the
 *     pool was built with the {@link PoolTimings} given here</li>
 * </ul>
 *
 * Without Spring: {@code new CredpoolMetrics(pool).bindTo(registry)} binds the gauges and the
 * counter, which read {@link ConnectionPool#stats()}; the timers need a listener installed when
 * the pool is built, so for them build it with {@code .listener(timings)} and bind
 * {@code new CredpoolMetrics(pool, timings)} (see {@link PoolTimings}). In Spring Boot the
 * auto-configuration binds all of them.
 */
public final class CredpoolMetrics implements MeterBinder {

    private final ConnectionPool pool;
    private final PoolTimings timings;

    /** The gauges and the timeout counter of {@code pool}; no timers. */
    public CredpoolMetrics(ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.timings = null;
    }

    /** Every meter of {@code pool}; {@code timings} must be the listener the pool was built with. */
    public CredpoolMetrics(ConnectionPool pool, PoolTimings timings) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /** Registers the meters with {@code registry}; binding to several registries is fine. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("pool", pool.name());
        Gauge.builder("credpool.connections", pool, p -> p.stats().active()).tags(tags).tag("state", "active")
                .description("Connections borrowed right now").strongReference(true).register(registry);
        Gauge.builder("credpool.connections", pool, p -> p.stats().idle()).tags(tags).tag("state", "idle")
                .description("Connections ready to be borrowed").strongReference(true).register(registry);
        Gauge.builder("credpool.connections.pending", pool, p -> p.stats().waiting()).tags(tags)
                .description("Threads waiting for a connection").strongReference(true).register(registry);
        Gauge.builder("credpool.connections.max", pool, p -> p.settings().maxSize()).tags(tags)
                .description("The pool's maximum size").strongReference(true).register(registry);
        FunctionCounter.builder("credpool.connections.timeout", pool, p -> p.stats().timeouts()).tags(tags)
                .description("Borrows that gave up after the acquire timeout").register(registry);
        if (timings != null) {
            timings.add(new PoolTimings.Timers(
                    timer(registry, "credpool.connections.acquire", "Time to get a connection from the pool", tags),
                    timer(registry, "credpool.connections.usage", "Time a connection was borrowed", tags),
                    timer(registry, "credpool.connections.creation", "Time to open a physical connection", tags)));
        }
    }

    private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }
}
