package io.credpool;

import java.time.Instant;
import java.util.Objects;

/**
 * How a pool is doing, as {@link ConnectionPool#health()} reports it for a health check or a
 * readiness probe. It describes what the pool has seen (connect attempts, timeouts, idle
 * connections); asking does no I/O. Nothing in it shows a secret.
 *
 * @param status    {@link Status#UP}, {@link Status#DEGRADED} or {@link Status#DOWN}
 * @param detail    one line for a human: the counts, and what is wrong when something is
 * @param since     when the pool entered this status (the pool's start for a pool always up)
 * @param lastError the last connect failure or timeout while not {@code UP}, redacted; null when up
 */
public record PoolHealth(Status status, String detail, Instant since, String lastError) {

    /** What a pool's health amounts to. */
    public enum Status {
        /** Connections open and borrowers are served in time. */
        UP,
        /**
         * Still serving, but not as configured: new connections cannot be opened while idle
         * connections still serve, or a borrower timed out lately (within the acquire timeout,
         * and at least 10 s).
         */
        DEGRADED,
        /** New connections cannot be opened and none is idle; or the pool is closed. */
        DOWN
    }

    /** Rejects nulls other than {@code lastError}. */
    public PoolHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
    }
}
