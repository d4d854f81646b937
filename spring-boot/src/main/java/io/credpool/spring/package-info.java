/**
 * credpool for Spring Boot 4: add {@code io.credpool:credpool-spring-boot} and the application's
 * {@code DataSource} is a credpool {@link io.credpool.ConnectionPool} configured by
 * {@code DATABASE_URL}, AWS Secrets Manager or {@code spring.datasource.url}, with the
 * {@code credpool} health indicator ({@link io.credpool.spring.CredpoolHealthIndicator}) and
 * Micrometer meters ({@link io.credpool.spring.CredpoolMetrics}). Module name (automatic)
 * {@code io.credpool.spring}.
 */
package io.credpool.spring;
