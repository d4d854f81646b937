package io.credpool.spring;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import io.credpool.PoolListener;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The application's {@link DataSource}: a credpool {@link ConnectionPool} built as
 * {@link Database#open(io.credpool.Environment)} builds one, from Spring's environment (see
 * {@link CredpoolProperties} and the README's "Spring Boot" section), and closed with the
 * context. Runs before Spring Boot's own {@code DataSourceAutoConfiguration}, so no HikariCP pool
 * is created beside it; an application that defines a {@code DataSource} of its own turns it off.
 *
 * <p>{@link PoolListener} beans of the application hear the pool's events, as do the timers of
 * {@link CredpoolMetrics} when Micrometer is on the class path.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration"})
@ConditionalOnClass(ConnectionPool.class)
@EnableConfigurationProperties(CredpoolProperties.class)
public class CredpoolAutoConfiguration {

    /** Created by Spring. */
    public CredpoolAutoConfiguration() {
    }

    /**
     * The pool, connected (the first connection is opened under the retry policy, so a missing
     * database fails the start with a message naming host, port and database).
     *
     * @throws SQLException when no connection could be opened
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DataSource.class)
    public ConnectionPool credpoolConnectionPool(ConfigurableEnvironment environment, CredpoolProperties properties,
                                                 ObjectProvider<PoolListener> listeners) throws SQLException {
        PoolListener listener = PoolListeners.of(listeners.orderedStream().toList());
        return Database.open(SpringVariables.of(environment, properties), builder -> {
            if (properties.getName() != null) {
                builder.name(properties.getName());
            }
            if (properties.getMaxSize() != null) {
                builder.maxSize(properties.getMaxSize());
            }
            if (properties.getMinIdle() != null) {
                builder.minIdle(properties.getMinIdle());
            }
            if (properties.getAcquireTimeout() != null) {
                builder.acquireTimeout(properties.getAcquireTimeout());
            }
            if (properties.getIdleTimeout() != null) {
                builder.idleTimeout(properties.getIdleTimeout());
            }
            if (properties.getMaxLifetime() != null) {
                builder.maxLifetime(properties.getMaxLifetime());
            }
            if (properties.getLeakThreshold() != null) {
                builder.leakThreshold(properties.getLeakThreshold());
            }
            if (listener != null) {
                builder.listener(listener);
            }
        });
    }

    /** The listener behind the pool's timers, when Micrometer is there to report them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class TimingsConfiguration {

        @Bean
        @ConditionalOnMissingBean(DataSource.class)
        PoolTimings credpoolPoolTimings() {
            return new PoolTimings();
        }
    }
}
