package io.credpool.internal.pool;

import io.credpool.PoolHealth;
import io.credpool.PoolHealth.Status;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns what the pool saw into a {@link PoolHealth}, and remembers since when the status holds.
 * The pool calls {@link #assess} on each event that can change the status (a connect failed or
 * succeeded, a borrower timed out) as well as when asked, so {@code since} is right even when
 * nobody polls.
 */
final class HealthWatch {

    /** A timeout counts as recent for at least this long. */
    private static final long MIN_RECENT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Mark(Status status, Instant since) {
    }

    private final long recentNanos;
    private final AtomicReference<Mark> mark = new AtomicReference<>(new Mark(Status.UP, Instant.now()));
    private volatile boolean timedOut;
    private volatile long lastTimeoutAt;
    private volatile String lastTimeout;

    HealthWatch(long acquireTimeoutNanos) {
        this.recentNanos = Math.max(MIN_RECENT_NANOS, acquireTimeoutNanos);
    }

    /** A borrower timed out with {@code message} (redacted). */
    void timedOut(String message) {
        lastTimeout = message;
        lastTimeoutAt = System.nanoTime();
        timedOut = true;
    }

    /**
     * The health for these facts.
     *
     * @param closed         whether the pool is closed
     * @param suspended      whether it is suspended: borrowers wait for {@code resume()}
     * @param connectFailure the redacted reason the last connect failed, null when the last one succeeded
     * @param idle           idle connections now
     * @param counts         the live counts, for the detail
     */
    PoolHealth assess(boolean closed, boolean suspended, String connectFailure, int idle, String counts) {
        Status status;
        String detail;
        String error = null;
        if (closed) {
            status = Status.DOWN;
            detail = "the pool is closed";
        } else if (suspended) {
            status = Status.DEGRADED;
            detail = "suspended: borrowers wait until resume() (" + counts + ")";
        } else if (connectFailure != null && idle == 0) {
            status = Status.DOWN;
            detail = "new connections cannot be opened and none is idle (" + counts + ")";
            error = connectFailure;
        } else if (connectFailure != null) {
            status = Status.DEGRADED;
            detail = "new connections cannot be opened; idle ones still serve (" + counts + ")";
            error = connectFailure;
        } else if (timedOut && System.nanoTime() - lastTimeoutAt < recentNanos) {
            status = Status.DEGRADED;
            detail = "a borrower timed out in the last " + TimeUnit.NANOSECONDS.toSeconds(recentNanos) + " s ("
                    + counts + ")";
            error = lastTimeout;
        } else {
            status = Status.UP;
            detail = counts;
        }
        Mark m = mark.get();
        while (m.status() != status) {
            Mark next = new Mark(status, Instant.now());
            if (mark.compareAndSet(m, next)) {
                m = next;
            } else {
                m = mark.get();
            }
        }
        return new PoolHealth(status, detail, m.since(), error);
    }
}
