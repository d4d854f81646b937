package io.credpool;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how patiently, a physical connection is attempted before giving up.
 *
 * <p>Attempt 1 runs at once; attempt {@code n > 1} waits
 * {@code min(maxDelay, initialDelay × multiplier^(n-2))}, reduced by a random fraction of up to
 * {@code jitter} of itself so that many clients do not retry in step. The default is the seed's
 * schedule: attempt 1 at once, attempt 2 after 1 s, attempt 3 after 2 s, then give up.
 *
 * @param maxAttempts  attempts in all, at least 1 (default 3)
 * @param initialDelay the wait before attempt 2 (default 1 s)
 * @param multiplier   growth of the wait per attempt, at least 1.0 (default 2.0)
 * @param maxDelay     the longest single wait (default 30 s)
 * @param jitter       the fraction of each wait that may be randomly taken off, 0.0 to 1.0 (default 0.0)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
                          double jitter) {

    private static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.0);

    /** Validates every component; a bad one is a {@link DatabaseConfigException} naming it. */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new DatabaseConfigException("RetryPolicy.maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new DatabaseConfigException("RetryPolicy delays must not be negative");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new DatabaseConfigException("RetryPolicy.multiplier must be a finite number >= 1.0, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new DatabaseConfigException("RetryPolicy.jitter must be between 0.0 and 1.0, got " + jitter);
        }
    }

    /** The seed's schedule: 3 attempts, at once, after 1 s, after 2 s; no jitter. */
    public static RetryPolicy defaults() {
        return DEFAULT;
    }

    /** A policy that tries once and never waits. */
    public static RetryPolicy none() {
        return DEFAULT.withMaxAttempts(1);
    }

    /** The wait before {@code attempt} (1-based) without jitter; zero for the first attempt. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 2);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /**
     * The wait before {@code attempt} with jitter applied, given a uniform random number in
     * {@code [0, 1)}: the delay is cut by {@code random × jitter} of itself.
     */
    public Duration delayBefore(int attempt, double random) {
        Duration full = delayBefore(attempt);
        if (jitter == 0.0 || full.isZero()) {
            return full;
        }
        return Duration.ofMillis((long) (full.toMillis() * (1.0 - jitter * random)));
    }

    /** A copy with {@code maxAttempts} changed. */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }

    /** A copy with {@code initialDelay} changed. */
    public RetryPolicy withInitialDelay(Duration initialDelay) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }

    /** A copy with {@code multiplier} changed. */
    public RetryPolicy withMultiplier(double multiplier) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }

    /** A copy with {@code maxDelay} changed. */
    public RetryPolicy withMaxDelay(Duration maxDelay) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }

    /** A copy with {@code jitter} changed. */
    public RetryPolicy withJitter(double jitter) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }
}
