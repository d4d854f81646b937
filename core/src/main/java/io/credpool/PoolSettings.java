package io.credpool;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of a {@link ConnectionPool}, with defaults that suit a small service.
 *
 * <p>Each setting can come from a {@code DATABASE_URL} query parameter or a
 * {@code DATABASE_<KEY>} variable (the URL wins); the key is given with each component.
 * A zero duration means "none" where noted.
 *
 * @param maxSize           most physical connections, counting ones being opened
 *                          ({@code connection_limit}; default {@code 2 × availableProcessors + 1})
 * @param minIdle           idle connections kept open when the idle timeout strikes ({@code min_idle}; default 0)
 * @param acquireTimeout    longest wait for a connection in {@code getConnection()}
 *                          ({@code pool_timeout}; default 10 s; zero waits forever)
 * @param connectTimeout    longest wait to open one physical connection
 *                          ({@code connect_timeout}; default 5 s; zero means none)
 * @param validationTimeout longest wait for {@code isValid} on a connection idle for a while
 *                          ({@code validation_timeout}; default 3 s)
 * @param idleTimeout       idle connections above {@code minIdle} are closed after this
 *                          ({@code max_idle_connection_lifetime}; default 300 s; zero keeps them)
 * @param maxLifetime       connections are retired after this, with a little random variance
 *                          ({@code max_connection_lifetime}; default 300 s; zero keeps them)
 * @param leakThreshold     a connection held longer is reported with the stack of its borrow
 *                          ({@code leak_threshold}; default zero, off)
 * @param shutdownTimeout   {@code close()} waits this long for borrowed connections before aborting them
 *                          ({@code shutdown_timeout}; default 10 s)
 * @param retry             the schedule for opening physical connections
 */
public record PoolSettings(int maxSize, int minIdle, Duration acquireTimeout, Duration connectTimeout,
                           Duration validationTimeout, Duration idleTimeout, Duration maxLifetime,
                           Duration leakThreshold, Duration shutdownTimeout, RetryPolicy retry) {

    /** Validates every component; a bad one is a {@link DatabaseConfigException} naming it. */
    public PoolSettings {
        if (maxSize < 1) {
            throw new DatabaseConfigException("maxSize (connection_limit) must be at least 1, got " + maxSize
                    + ": set connection_limit to a positive number");
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new DatabaseConfigException("minIdle (min_idle) must be between 0 and maxSize (" + maxSize
                    + "), got " + minIdle);
        }
        requireNonNegative("acquireTimeout (pool_timeout)", acquireTimeout);
        requireNonNegative("connectTimeout (connect_timeout)", connectTimeout);
        requireNonNegative("validationTimeout (validation_timeout)", validationTimeout);
        requireNonNegative("idleTimeout (max_idle_connection_lifetime)", idleTimeout);
        requireNonNegative("maxLifetime (max_connection_lifetime)", maxLifetime);
        requireNonNegative("leakThreshold (leak_threshold)", leakThreshold);
        requireNonNegative("shutdownTimeout (shutdown_timeout)", shutdownTimeout);
        Objects.requireNonNull(retry, "retry");
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null) {
            throw new DatabaseConfigException(name + " must be set");
        }
        if (value.isNegative()) {
            throw new DatabaseConfigException(name + " must not be negative, got " + value);
        }
    }

    /** The documented defaults. */
    public static PoolSettings defaults() {
        return new PoolSettings(2 * Runtime.getRuntime().availableProcessors() + 1, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ZERO, Duration.ofSeconds(10),
                RetryPolicy.defaults());
    }

    /** A copy with {@code maxSize} changed. */
    public PoolSettings withMaxSize(int maxSize) {
        return new PoolSettings(maxSize, Math.min(minIdle, maxSize), acquireTimeout, connectTimeout,
                validationTimeout, idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code minIdle} changed. */
    public PoolSettings withMinIdle(int minIdle) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code acquireTimeout} changed; zero waits forever. */
    public PoolSettings withAcquireTimeout(Duration acquireTimeout) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code connectTimeout} changed. */
    public PoolSettings withConnectTimeout(Duration connectTimeout) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code validationTimeout} changed. */
    public PoolSettings withValidationTimeout(Duration validationTimeout) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code idleTimeout} changed; zero keeps idle connections. */
    public PoolSettings withIdleTimeout(Duration idleTimeout) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code maxLifetime} changed; zero keeps connections forever. */
    public PoolSettings withMaxLifetime(Duration maxLifetime) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code leakThreshold} changed; zero turns leak detection off. */
    public PoolSettings withLeakThreshold(Duration leakThreshold) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with {@code shutdownTimeout} changed. */
    public PoolSettings withShutdownTimeout(Duration shutdownTimeout) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }

    /** A copy with the retry schedule changed. */
    public PoolSettings withRetry(RetryPolicy retry) {
        return new PoolSettings(maxSize, minIdle, acquireTimeout, connectTimeout, validationTimeout,
                idleTimeout, maxLifetime, leakThreshold, shutdownTimeout, retry);
    }
}
