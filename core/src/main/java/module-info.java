/**
 * credpool core: configuration from the environment, the {@link io.credpool.spi.CredentialProvider}
 * SPI and a small, fast JDBC connection pool. Depends on the JDK only.
 *
 * <p>Put this module on the module path with a JDBC driver; add {@code io.credpool.aws} for
 * AWS Secrets Manager and RDS IAM credentials. Providers are found with {@link java.util.ServiceLoader}.
 */
module io.credpool {
    requires transitive java.sql;

    exports io.credpool;
    exports io.credpool.spi;
    // The JSON reader is shared with the AWS providers, not with users.
    exports io.credpool.internal.json to io.credpool.aws;

    uses io.credpool.spi.CredentialProvider;
}
