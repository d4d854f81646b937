package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.WARNING;

import io.credpool.PoolListener;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The user's {@link PoolListener} as the pool calls it: nanoseconds in, and nothing the listener
 * throws ever reaches the pool. The first failure is logged, later ones are not. A pool without
 * a listener holds no {@code SafeListener} at all, so that the hot path tests one field.
 */
final class SafeListener {

    private final PoolListener listener;
    private final String pool;
    private final AtomicBoolean complained = new AtomicBoolean();

    SafeListener(PoolListener listener, String pool) {
        this.listener = listener;
        this.pool = pool;
    }

    void acquired(long waitedNanos) {
        try {
            listener.acquired(Duration.ofNanos(waitedNanos));
        } catch (Throwable e) {
            failed("acquired", e);
        }
    }

    void released(long heldNanos) {
        try {
            listener.released(Duration.ofNanos(heldNanos));
        } catch (Throwable e) {
            failed("released", e);
        }
    }

    void connected(long tookNanos) {
        try {
            listener.connected(Duration.ofNanos(tookNanos));
        } catch (Throwable e) {
            failed("connected", e);
        }
    }

    void connectFailed(Throwable cause, String reason, int attempt) {
        SQLException e = cause instanceof SQLException ? (SQLException) cause
                : new SQLException("Connection attempt failed: " + reason, "08001", cause);
        try {
            listener.connectFailed(e, attempt);
        } catch (Throwable t) {
            failed("connectFailed", t);
        }
    }

    void timedOut(long waitedNanos) {
        try {
            listener.timedOut(Duration.ofNanos(waitedNanos));
        } catch (Throwable e) {
            failed("timedOut", e);
        }
    }

    void evicted(String reason) {
        try {
            listener.evicted(reason);
        } catch (Throwable e) {
            failed("evicted", e);
        }
    }

    void credentialsRefreshed(String provider) {
        try {
            listener.credentialsRefreshed(provider);
        } catch (Throwable e) {
            failed("credentialsRefreshed", e);
        }
    }

    private void failed(String callback, Throwable e) {
        if (complained.compareAndSet(false, true)) {
            // The type only: a listener's message is not ours to vouch for.
            Pool.LOG.log(WARNING, "Pool listener " + listener.getClass().getName() + " of " + pool + " threw "
                    + e.getClass().getName() + " from " + callback + "; ignored, and not reported again");
        }
    }
}
