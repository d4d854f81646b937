package io.credpool.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import io.credpool.PoolListener;
import io.credpool.testkit.PgCluster;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The meters, the health indicator and the listeners without a Spring context, on the shared test cluster. */
class CredpoolMetricsTest {

    private final PgCluster cluster = PgCluster.shared();

    private String url() {
        return "postgresql://" + cluster.superuser() + ":" + cluster.superuserPassword() + "@127.0.0.1:"
                + cluster.port() + "/postgres?connection_limit=1&pool_timeout=1";
    }

    @Test
    void boundWithoutSpringTheGaugesAndTheTimeoutCounterFollowThePool() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPool pool = Database.open(url())) {
            new CredpoolMetrics(pool).bindTo(registry);
            String name = pool.name();
            try (Connection held = pool.getConnection()) {
                assertEquals(1.0, registry.get("credpool.connections").tags("pool", name, "state", "active").gauge().value());
                assertEquals(0.0, registry.get("credpool.connections").tags("pool", name, "state", "idle").gauge().value());
                assertThrows(SQLTransientConnectionException.class, pool::getConnection);
            }
            assertEquals(1.0, registry.get("credpool.connections").tags("pool", name, "state", "idle").gauge().value());
            assertEquals(0.0, registry.get("credpool.connections.pending").tag("pool", name).gauge().value());
            assertEquals(1.0, registry.get("credpool.connections.max").tag("pool", name).gauge().value());
            assertEquals(1.0, registry.get("credpool.connections.timeout").tag("pool", name).functionCounter().count());
            assertNull(registry.find("credpool.connections.acquire").timer(), "no timers without PoolTimings");
            for (Meter meter : registry.getMeters()) {
                assertFalse(meter.getId().toString().contains(cluster.superuserPassword()), meter.getId()::toString);
            }
        }
    }

    @Test
    void aRecentTimeoutIsTheCustomStatusDegradedAndAClosedPoolIsDown() throws Exception {
        ConnectionPool pool = Database.open(url());
        CredpoolHealthIndicator indicator = new CredpoolHealthIndicator(pool);
        assertEquals(Status.UP, indicator.health().getStatus());
        try (Connection held = pool.getConnection()) {
            assertThrows(SQLTransientConnectionException.class, pool::getConnection);
        }
        Health degraded = indicator.health();
        assertEquals(CredpoolHealthIndicator.DEGRADED, degraded.getStatus());
        assertEquals("DEGRADED", degraded.getStatus().getCode());
        assertTrue(String.valueOf(degraded.getDetails().get("lastError")).contains("Timed out"), degraded::toString);
        assertFalse(degraded.toString().contains(cluster.superuserPassword()), degraded::toString);
        pool.close();
        assertEquals(Status.DOWN, indicator.health().getStatus());
    }

    @Test
    void withPoolTimingsTheTimersRecordBorrowsUsesAndConnects() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PoolTimings timings = new PoolTimings();
        try (ConnectionPool pool = Database.open(io.credpool.Environment.of(java.util.Map.of("DATABASE_URL", url())),
                b -> b.name("billing").listener(timings))) {
            new CredpoolMetrics(pool, timings).bindTo(registry);
            pool.evictIdle();
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
            assertEquals(1, registry.get("credpool.connections.acquire").tag("pool", "billing").timer().count());
            assertEquals(1, registry.get("credpool.connections.usage").tag("pool", "billing").timer().count());
            assertEquals(1, registry.get("credpool.connections.creation").tag("pool", "billing").timer().count());
        }
    }

    @Test
    void everyListenerHearsEachEventEvenWhenOneThrows() {
        List<String> heard = new ArrayList<>();
        PoolListener failing = new PoolListener() {
            @Override
            public void evicted(String reason) {
                throw new IllegalStateException("listener bug");
            }
        };
        PoolListener recording = new PoolListener() {
            @Override
            public void evicted(String reason) {
                heard.add(reason);
            }
        };
        PoolListener both = PoolListeners.of(List.of(failing, recording));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> both.evicted("idle timeout"));
        assertEquals("listener bug", e.getMessage());
        assertEquals(List.of("idle timeout"), heard);
        assertNull(PoolListeners.of(List.of()));
        assertTrue(PoolListeners.of(List.of(recording)) == recording);
    }

    @Test
    void springDatasourceLoginBecomesEncodedQueryParameters() {
        assertEquals("jdbc:postgresql://h/db?user=app&password=p%40ss+w%26rd",
                SpringVariables.withLogin("jdbc:postgresql://h/db", "app", "p@ss w&rd"));
        assertEquals("jdbc:postgresql://h/db?ssl=true&user=app",
                SpringVariables.withLogin("jdbc:postgresql://h/db?ssl=true", "app", null));
    }
}
