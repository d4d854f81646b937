package io.credpool;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Hears what a {@link ConnectionPool} does, for metrics and tracing: register one with
 * {@link ConnectionPool.Builder#listener(PoolListener)} and override the callbacks you need; the
 * others do nothing.
 *
 * <pre>{@code
 * LongAdder timeouts = new LongAdder();
 * ConnectionPool pool = ConnectionPool.builder()
 *         .jdbcUrl(url).username(user).password(password)
 *         .listener(new PoolListener() {
 *             @Override public void timedOut(Duration waited) { timeouts.increment(); }
 *         })
 *         .build();
 * }</pre>
 *
 * <p><b>Threads.</b> Callbacks run inline, on the borrower's thread for {@link #acquired},
 * {@link #released} and {@link #timedOut}, and on one of the pool's threads for the others; they
 * may run concurrently. Keep them short and non-blocking: a borrow waits for
 * {@link #acquired} to return, and {@link #evicted} often runs on the housekeeping thread that
 * every pool of the JVM shares, so a callback that blocks there delays the chores of all of
 * them. A callback that throws is logged once (per pool) and otherwise
 * ignored: it never breaks a borrow, a return or a connect.
 *
 * <p><b>Secrets.</b> Nothing a callback receives holds a password: causes passed to
 * {@link #connectFailed} are the pool's own, already scrubbed.
 *
 * <p>A pool without a listener does no work for one: no clock read, no allocation.
 */
public interface PoolListener {

    /**
     * A borrower got a connection.
     *
     * @param waited how long {@code getConnection()} took, validation included
     */
    default void acquired(Duration waited) {
    }

    /**
     * A borrower gave a connection back ({@code close()} or {@code abort}), before the pool
     * decides whether to keep it.
     *
     * @param held how long it was borrowed
     */
    default void released(Duration held) {
    }

    /**
     * A new physical connection was opened (credentials fetched, login done).
     *
     * @param took how long opening it took
     */
    default void connected(Duration took) {
    }

    /**
     * Opening a physical connection failed; the pool retries under its {@link RetryPolicy} while
     * it needs the connection.
     *
     * @param cause   why, as the pool reports it (an {@link Error} from the driver arrives wrapped)
     * @param attempt the attempt's number in the current run of failures, from 1
     */
    default void connectFailed(SQLException cause, int attempt) {
    }

    /**
     * A borrower gave up: no connection became available within the acquire timeout.
     *
     * @param waited how long it waited
     */
    default void timedOut(Duration waited) {
    }

    /**
     * The pool closed a physical connection for a reason other than its own shutdown.
     *
     * @param reason one of {@code "max lifetime"}, {@code "idle timeout"},
     *               {@code "failed validation"}, {@code "broken"} (a fatal SQLState, or the
     *               connection could not be reset), {@code "aborted"} (a borrower called
     *               {@code abort}), {@code "evicted on request"} ({@link ConnectionPool#evictIdle()}),
     *               {@code "read-only server"} (a write failed with SQLState {@code 25006}: a
     *               failover demoted the server), {@code "pool resized"} ({@link ConnectionPool#resize(int)} lowered the maximum)
     */
    default void evicted(String reason) {
    }

    /**
     * The pool opened a connection with a password other than the one it used before: the
     * credential source was refreshed, e.g. after a rotation.
     *
     * @param provider the credential provider's name, e.g. {@code aws-secrets-manager}
     */
    default void credentialsRefreshed(String provider) {
    }
}
