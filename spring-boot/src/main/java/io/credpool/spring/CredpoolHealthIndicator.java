package io.credpool.spring;

import io.credpool.ConnectionPool;
import io.credpool.PoolHealth;
import io.credpool.PoolStats;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * A pool's {@link ConnectionPool#health()} as Spring Boot health, shown as {@code credpool} in
 * {@code /actuator/health}: {@code UP} and {@code DOWN} as Spring's, {@code DEGRADED} as the
 * custom status {@link #DEGRADED} (still serving, not as configured). Asking does no I/O.
 *
 * <p>Details: {@code pool} (name), {@code target} ({@code host:port/database}), {@code provider},
 * {@code detail}, {@code since}, the counts {@code total}, {@code active}, {@code idle},
 * {@code waiting}, {@code max}, and {@code lastError} when not up; none holds a secret.
 */
public final class CredpoolHealthIndicator implements HealthIndicator {

    /** Still serving, not as configured: connects fail while idle connections serve, or a borrower timed out lately. */
    public static final Status DEGRADED = new Status("DEGRADED", "still serving, not as configured");

    private final ConnectionPool pool;

    /** The health of {@code pool}. */
    public CredpoolHealthIndicator(ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The pool's current health and counts. */
    @Override
    public Health health() {
        PoolHealth h = pool.health();
        PoolStats s = pool.stats();
        Health.Builder b = switch (h.status()) {
            case UP -> Health.up();
            case DEGRADED -> Health.status(DEGRADED);
            case DOWN -> Health.down();
        };
        b.withDetail("pool", pool.name()).withDetail("target", pool.target()).withDetail("provider", pool.provider())
                .withDetail("detail", h.detail()).withDetail("since", h.since().toString())
                .withDetail("total", s.total()).withDetail("active", s.active()).withDetail("idle", s.idle())
                .withDetail("waiting", s.waiting()).withDetail("max", pool.settings().maxSize());
        if (h.lastError() != null) {
            b.withDetail("lastError", h.lastError());
        }
        return b.build();
    }
}
