package io.credpool.internal.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * What one fetch brought: the value, when to start refreshing it, and until when it may be handed
 * out at all.
 *
 * @param value       the value; never {@code null}
 * @param refreshAt   from when a caller fetches a new value (handing out this one if that fails);
 *                    {@code null}: only after an invalidation or when the cache's staleness check says so
 * @param usableUntil from when this value is never handed out; {@code null}: it does not expire
 * @param <T>         the cached type
 */
public record Fetched<T>(T value, Instant refreshAt, Instant usableUntil) {

    /** Requires the value. */
    public Fetched {
        Objects.requireNonNull(value, "value");
    }

    /** A value kept until it is invalidated or found stale. */
    public static <T> Fetched<T> untilInvalidated(T value) {
        return new Fetched<>(value, null, null);
    }
}
