package io.credpool.spring;

import io.credpool.ConnectionPool;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code credpool} health indicator ({@link CredpoolHealthIndicator}) for the application's
 * pool, when Spring Boot's health support is on the class path; turned off with
 * {@code management.health.credpool.enabled=false}.
 */
@AutoConfiguration(after = CredpoolAutoConfiguration.class)
@ConditionalOnClass({ConnectionPool.class, HealthIndicator.class})
@ConditionalOnSingleCandidate(ConnectionPool.class)
@ConditionalOnEnabledHealthIndicator("credpool")
public class CredpoolHealthAutoConfiguration {

    /** Created by Spring. */
    public CredpoolHealthAutoConfiguration() {
    }

    /** Named {@code credpool} in the health endpoint, after the bean's name. */
    @Bean
    @ConditionalOnMissingBean(name = "credpoolHealthIndicator")
    public CredpoolHealthIndicator credpoolHealthIndicator(ConnectionPool pool) {
        return new CredpoolHealthIndicator(pool);
    }
}
