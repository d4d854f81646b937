package io.credpool.internal.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing rules of a {@link RefreshingCache}.
 *
 * @param minInterval  after an invalidation or a failed fetch, no new fetch starts until this long
 *                     after the last one ended
 * @param retryAfter   after a refresh that failed while the held value was still usable, that value
 *                     is handed out and no fetch starts for this long
 * @param waitTimeout  how long a caller waits for a fetch another thread is running before it gives up
 */
public record CachePolicy(Duration minInterval, Duration retryAfter, Duration waitTimeout) {

    /** One fetch a second at most after an invalidation, whatever the source (a wrong secret is no storm). */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** The pause after a failed refresh while the held value still works. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    /**
     * How long a caller waits for another thread's fetch: longer than a fetch with all its retries
     * and HTTP deadlines takes, short enough that a hung fetch does not hold every caller forever.
     */
    public static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);

    /** Requires positive durations (zero allowed for the intervals). */
    public CachePolicy {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        if (minInterval.isNegative() || retryAfter.isNegative() || waitTimeout.isNegative() || waitTimeout.isZero()) {
            throw new IllegalArgumentException("cache durations must not be negative, and waitTimeout must be positive");
        }
    }

    /** {@link #MIN_INTERVAL}, {@link #RETRY_AFTER}, {@link #WAIT_TIMEOUT}. */
    public static CachePolicy defaults() {
        return new CachePolicy(MIN_INTERVAL, RETRY_AFTER, WAIT_TIMEOUT);
    }
}
