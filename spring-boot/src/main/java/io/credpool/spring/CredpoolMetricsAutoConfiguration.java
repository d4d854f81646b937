package io.credpool.spring;

import io.credpool.ConnectionPool;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * {@link CredpoolMetrics} for the application's pool, when Micrometer is on the class path:
 * Spring Boot binds it to the application's meter registry. The timers are bound when the pool
 * was built by {@link CredpoolAutoConfiguration} (which installs the {@link PoolTimings}).
 */
@AutoConfiguration(after = CredpoolAutoConfiguration.class)
@ConditionalOnClass({ConnectionPool.class, MeterBinder.class})
@ConditionalOnSingleCandidate(ConnectionPool.class)
public class CredpoolMetricsAutoConfiguration {

    /** Created by Spring. */
    public CredpoolMetricsAutoConfiguration() {
    }

    /** The pool's meters, with the timers when the pool was built with the context's {@link PoolTimings}. */
    @Bean
    @ConditionalOnMissingBean
    public CredpoolMetrics credpoolMetrics(ConnectionPool pool, ObjectProvider<PoolTimings> timings) {
        PoolTimings t = timings.getIfUnique();
        return t == null ? new CredpoolMetrics(pool) : new CredpoolMetrics(pool, t);
    }
}
