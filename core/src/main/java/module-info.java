/**
 * credpool core: configuration from the environment, the {@link io.credpool.spi.CredentialProvider}
 * SPI and a small, fast JDBC connection pool. Depends on the JDK only.
 *
 * <p>Put this module on the module path with a JDBC driver; add {@code io.credpool.aws} for
 * AWS Secrets Manager and RDS IAM credentials. Providers are found with {@link java.util.ServiceLoader}.
 * The built-in providers are {@code database-url} ({@code DATABASE_URL}) and {@code secret-file}
 * ({@code DATABASE_SECRET_FILE}).
 */
module io.credpool {
    requires transitive java.sql;
    // Optional: JFR events when the runtime has the module, none otherwise (see internal.pool.FlightEvents).
    requires static jdk.jfr;
    // Optional: the pool's MXBean when asked for and the runtime has the module (see internal.jmx.MBeans).
    requires static java.management;

    exports io.credpool;
    exports io.credpool.spi;
    // The JSON reader and the pool-key helpers are shared with the AWS providers, not with users.
    exports io.credpool.internal.json to io.credpool.aws;
    exports io.credpool.internal.config to io.credpool.aws;
    // One refreshing cache for every credential source, the AWS ones included.
    exports io.credpool.internal.cache to io.credpool.aws;
    // One retry loop (schedule: RetryPolicy; one interruption rule) for the pool and the AWS calls.
    exports io.credpool.internal.retry to io.credpool.aws;

    uses io.credpool.spi.CredentialProvider;

    // Also listed in META-INF/services for the class path.
    provides io.credpool.spi.CredentialProvider with
            io.credpool.internal.provider.DatabaseUrlProvider,
            io.credpool.internal.provider.SecretFileProvider;
}
