package io.credpool.internal.jfr;

import io.credpool.PoolStats;
import io.credpool.internal.jfr.Events.AcquireTimeout;
import io.credpool.internal.jfr.Events.ConnectionAcquire;
import io.credpool.internal.jfr.Events.ConnectionCreate;
import io.credpool.internal.jfr.Events.ConnectionCreateFailed;
import io.credpool.internal.jfr.Events.ConnectionEvict;
import io.credpool.internal.jfr.Events.ConnectionLeak;
import io.credpool.internal.jfr.Events.CredentialFetch;
import io.credpool.internal.jfr.Events.PoolStatistics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * One pool's events, written with {@code jdk.jfr}. Loaded by name from the pool package (which
 * must work without {@code jdk.jfr}); its constructor fails with a {@link LinkageError} when the
 * module is missing. Whether an event is wanted is one read of its {@link EventType}.
 */
public final class JfrFlight implements io.credpool.internal.pool.FlightEvents {

    private static final EventType ACQUIRE = EventType.getEventType(ConnectionAcquire.class);
    private static final EventType CREATE = EventType.getEventType(ConnectionCreate.class);
    private static final EventType CREATE_FAILED = EventType.getEventType(ConnectionCreateFailed.class);
    private static final EventType TIMEOUT = EventType.getEventType(AcquireTimeout.class);
    private static final EventType EVICT = EventType.getEventType(ConnectionEvict.class);
    private static final EventType LEAK = EventType.getEventType(ConnectionLeak.class);
    private static final EventType FETCH = EventType.getEventType(CredentialFetch.class);
    /** Live pools, for the one periodic hook that records them all. */
    private static final Map<JfrFlight, Supplier<PoolStats>> WATCHED = new ConcurrentHashMap<>();

    static {
        FlightRecorder.addPeriodicEvent(PoolStatistics.class, JfrFlight::recordStatistics);
    }

    private final String pool;

    /** The events of pool {@code pool}. */
    public JfrFlight(String pool) {
        this.pool = pool;
    }

    private static void recordStatistics() {
        WATCHED.forEach((flight, stats) -> {
            PoolStats s = stats.get();
            PoolStatistics e = new PoolStatistics();
            e.pool = flight.pool;
            e.total = s.total();
            e.active = s.active();
            e.idle = s.idle();
            e.waiting = s.waiting();
            e.created = s.created();
            e.closed = s.closed();
            e.timeouts = s.timeouts();
            e.failedConnects = s.failedConnects();
            e.commit();
        });
    }

    @Override
    public Object acquireBegin() {
        if (!ACQUIRE.isEnabled()) {
            return null;
        }
        ConnectionAcquire e = new ConnectionAcquire();
        e.pool = pool;
        e.begin();
        return e;
    }

    @Override
    public void acquireEnd(Object event) {
        if (event != null) {
            ConnectionAcquire e = (ConnectionAcquire) event;
            e.end();
            if (e.shouldCommit()) {
                e.commit();
            }
        }
    }

    @Override
    public Object connectBegin() {
        if (!CREATE.isEnabled()) {
            return null;
        }
        ConnectionCreate e = new ConnectionCreate();
        e.pool = pool;
        e.begin();
        return e;
    }

    @Override
    public void connectEnd(Object event) {
        if (event != null) {
            ((ConnectionCreate) event).commit();
        }
    }

    @Override
    public void connectFailed(String reason, int attempt) {
        if (CREATE_FAILED.isEnabled()) {
            ConnectionCreateFailed e = new ConnectionCreateFailed();
            e.pool = pool;
            e.reason = reason;
            e.attempt = attempt;
            e.commit();
        }
    }

    @Override
    public void acquireTimeout(long waitedNanos) {
        if (TIMEOUT.isEnabled()) {
            AcquireTimeout e = new AcquireTimeout();
            e.pool = pool;
            e.waited = waitedNanos;
            e.commit();
        }
    }

    @Override
    public void evicted(String reason) {
        if (EVICT.isEnabled()) {
            ConnectionEvict e = new ConnectionEvict();
            e.pool = pool;
            e.reason = reason;
            e.commit();
        }
    }

    @Override
    public void leak(long heldNanos, String thread) {
        if (LEAK.isEnabled()) {
            ConnectionLeak e = new ConnectionLeak();
            e.pool = pool;
            e.held = heldNanos;
            e.thread = thread;
            e.commit();
        }
    }

    @Override
    public Object fetchBegin() {
        if (!FETCH.isEnabled()) {
            return null;
        }
        CredentialFetch e = new CredentialFetch();
        e.pool = pool;
        e.begin();
        return e;
    }

    @Override
    public void fetchEnd(Object event, String provider, boolean ok) {
        if (event != null) {
            CredentialFetch e = (CredentialFetch) event;
            e.provider = provider;
            e.succeeded = ok;
            e.commit();
        }
    }

    @Override
    public void watch(Supplier<PoolStats> stats) {
        WATCHED.put(this, stats);
    }

    @Override
    public void close() {
        WATCHED.remove(this);
    }
}
