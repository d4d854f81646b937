package io.credpool.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.PoolListener;
import io.credpool.testkit.PgCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * How an application configures the starter: {@code spring.datasource.*} alone, {@code credpool.*}
 * properties, listeners of its own, a {@code DataSource} of its own; and that closing the context
 * closes the pool. Small contexts without a web server, on the shared test cluster.
 */
class CredpoolConfigurationTest {

    private static final String ROLE = "spring_config";
    private static PgCluster cluster;
    private static Secrets secrets;

    @BeforeAll
    static void createRole() {
        cluster = PgCluster.shared();
        secrets = new Secrets();
        cluster.createRole(ROLE, secrets.password);
    }

    @AfterAll
    static void noPasswordPrinted() {
        secrets.close();
        assertTrue(secrets.printed().contains("credpool"), "the logs were captured");
        assertFalse(secrets.leaks(secrets.printed()), "password in the logs");
    }

    /** An application with a listener of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WithListener {
        static final AtomicInteger ACQUIRED = new AtomicInteger();

        @Bean
        PoolListener countingListener() {
            return new PoolListener() {
                @Override
                public void acquired(Duration waited) {
                    ACQUIRED.incrementAndGet();
                }
            };
        }
    }

    /** An application that defines its own DataSource. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WithOwnDataSource {
        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource(cluster.jdbcUrl("postgres"), ROLE, secrets.password);
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).properties("spring.main.web-application-type=none",
                "spring.main.banner-mode=off").properties(properties).run();
    }

    @Test
    void springDatasourceUrlAloneIsEnoughAndClosingTheContextClosesThePool() {
        ConnectionPool pool;
        try (ConfigurableApplicationContext context = start(WithListener.class,
                "spring.datasource.url=" + cluster.jdbcUrl("postgres"),
                "spring.datasource.username=" + ROLE,
                "spring.datasource.password=" + secrets.password)) {
            pool = assertInstanceOf(ConnectionPool.class, context.getBean(DataSource.class));
            assertEquals(ROLE, context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class));
            assertEquals("database-url", pool.provider());
            assertEquals(1, cluster.countBackends(ROLE));
        }
        assertTrue(pool.isClosed());
        assertEquals(0, cluster.countBackends(ROLE));
    }

    @Test
    void credpoolPropertiesWinAndTheApplicationsListenerHearsBesideTheTimers() {
        WithListener.ACQUIRED.set(0);
        try (ConfigurableApplicationContext context = start(WithListener.class,
                "DATABASE_URL=" + secrets.url(ROLE, cluster.port(), "postgres") + "?connection_limit=7&pool_timeout=9",
                "credpool.name=reports", "credpool.max-size=3", "credpool.min-idle=1",
                "credpool.acquire-timeout=4s", "credpool.idle-timeout=1m", "credpool.max-lifetime=10m",
                "credpool.leak-threshold=30s", "credpool.provider=database-url", "credpool.jmx=false")) {
            ConnectionPool pool = context.getBean(ConnectionPool.class);
            assertEquals("reports", pool.name());
            assertEquals(3, pool.settings().maxSize());
            assertEquals(1, pool.settings().minIdle());
            assertEquals(Duration.ofSeconds(4), pool.settings().acquireTimeout());
            assertEquals(Duration.ofMinutes(1), pool.settings().idleTimeout());
            assertEquals(Duration.ofMinutes(10), pool.settings().maxLifetime());
            assertEquals(Duration.ofSeconds(30), pool.settings().leakThreshold());

            context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
            assertEquals(1, WithListener.ACQUIRED.get());
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertEquals(1, registry.get("credpool.connections.acquire").tag("pool", "reports").timer().count());
            assertEquals(3.0, registry.get("credpool.connections.max").tag("pool", "reports").gauge().value());
        }
    }

    @Test
    void aDataSourceOfTheApplicationTurnsTheAutoConfigurationOff() {
        try (ConfigurableApplicationContext context = start(WithOwnDataSource.class,
                "DATABASE_URL=" + secrets.url(ROLE, cluster.port(), "postgres"))) {
            assertInstanceOf(DriverManagerDataSource.class, context.getBean(DataSource.class));
            assertTrue(context.getBeansOfType(ConnectionPool.class).isEmpty());
            assertFalse(context.containsBean("credpoolHealthIndicator"));
            assertTrue(context.getBeansOfType(CredpoolMetrics.class).isEmpty());
            assertEquals(ROLE, context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class));
        }
    }

    @Test
    void theConfigurationProcessorDescribesEveryProperty() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String key : new String[] {"name", "max-size", "min-idle", "acquire-timeout", "idle-timeout",
                "max-lifetime", "leak-threshold", "provider", "jmx"}) {
            assertTrue(metadata.contains("\"name\": \"credpool." + key + "\""), () -> key + " in " + metadata);
        }
    }
}
