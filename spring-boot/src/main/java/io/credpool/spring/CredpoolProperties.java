package io.credpool.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code credpool.*} properties of a Spring Boot application: what the environment variables
 * ({@code DATABASE_URL}, {@code DATABASE_CONNECTION_LIMIT}, ...) do not say, or what the
 * application wants to fix in its {@code application.yml}. A property that is set wins over the
 * URL's and the variables' value of the same setting; one left unset changes nothing.
 *
 * <pre>{@code
 * credpool:
 *   name: orders
 *   max-size: 20
 *   acquire-timeout: 5s
 * }</pre>
 */
@ConfigurationProperties("credpool")
public class CredpoolProperties {

    /** The pool's name in logs, health and metrics (tag "pool"); default host:port/database. */
    private String name;

    /** Most physical connections; default from the URL's connection_limit, else 2 x CPUs + 1. */
    private Integer maxSize;

    /** Idle connections kept open when the idle timeout strikes. */
    private Integer minIdle;

    /** Longest wait in getConnection(); 0 waits forever. */
    private Duration acquireTimeout;

    /** Idle connections above min-idle are closed after this; 0 keeps them. */
    private Duration idleTimeout;

    /** Connections are retired after this; 0 keeps them. */
    private Duration maxLifetime;

    /** A connection held longer is logged with the stack of its borrow; 0 turns this off. */
    private Duration leakThreshold;

    /**
     * The credential provider to use (database-url, secret-file, aws-secrets-manager, aws-rds-iam),
     * as CREDPOOL_PROVIDER; default: chosen from what the environment configures.
     */
    private String provider;

    /** Register the pool's MXBean (io.credpool:type=ConnectionPool), as CREDPOOL_JMX. */
    private Boolean jmx;

    /** The pool's name, or null for the default. */
    public String getName() {
        return name;
    }

    /** Sets the pool's name. */
    public void setName(String name) {
        this.name = name;
    }

    /** The maximum size, or null for the configuration's. */
    public Integer getMaxSize() {
        return maxSize;
    }

    /** Sets the maximum size. */
    public void setMaxSize(Integer maxSize) {
        this.maxSize = maxSize;
    }

    /** The idle connections kept, or null for the configuration's. */
    public Integer getMinIdle() {
        return minIdle;
    }

    /** Sets the idle connections kept. */
    public void setMinIdle(Integer minIdle) {
        this.minIdle = minIdle;
    }

    /** The acquire timeout, or null for the configuration's. */
    public Duration getAcquireTimeout() {
        return acquireTimeout;
    }

    /** Sets the acquire timeout. */
    public void setAcquireTimeout(Duration acquireTimeout) {
        this.acquireTimeout = acquireTimeout;
    }

    /** The idle timeout, or null for the configuration's. */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /** Sets the idle timeout. */
    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** The maximum lifetime, or null for the configuration's. */
    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    /** Sets the maximum lifetime. */
    public void setMaxLifetime(Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    /** The leak threshold, or null for the configuration's. */
    public Duration getLeakThreshold() {
        return leakThreshold;
    }

    /** Sets the leak threshold. */
    public void setLeakThreshold(Duration leakThreshold) {
        this.leakThreshold = leakThreshold;
    }

    /** The forced provider's name, or null to choose from the environment. */
    public String getProvider() {
        return provider;
    }

    /** Forces a provider by name. */
    public void setProvider(String provider) {
        this.provider = provider;
    }

    /** Whether to register the MXBean, or null to follow CREDPOOL_JMX. */
    public Boolean getJmx() {
        return jmx;
    }

    /** Sets whether to register the MXBean. */
    public void setJmx(Boolean jmx) {
        this.jmx = jmx;
    }
}
