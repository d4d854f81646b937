package io.credpool.spi;

import io.credpool.Environment;
import java.sql.SQLException;

/**
 * A way of finding database credentials, found with {@link java.util.ServiceLoader}.
 *
 * <p>Providers ship in their own JAR and declare
 * {@code provides io.credpool.spi.CredentialProvider with ...} in {@code module-info.java}
 * <em>and</em> list themselves in {@code META-INF/services/io.credpool.spi.CredentialProvider},
 * so they work on the module path and the class path alike. They need a public no-argument
 * constructor and must be cheap to construct: all of them are instantiated to choose one.
 *
 * <p>Selection: {@code CREDPOOL_PROVIDER=<name>} forces one. Otherwise, among providers whose
 * {@link #isConfigured} is true, the highest {@link #priority()} wins in production, and
 * {@code database-url} wins in development and tests when it is configured.
 */
public interface CredentialProvider {

    /** A short, stable, lower-case name, e.g. {@code database-url}, {@code aws-secrets-manager}. */
    String name();

    /** Whether the variables this provider needs are present in {@code env}. Must not do I/O. */
    boolean isConfigured(Environment env);

    /**
     * A one-line description of what this provider looks for, shown when nothing is configured,
     * e.g. {@code "DATABASE_URL (a postgresql:// or jdbc:postgresql: URL)"}.
     */
    default String requirement() {
        return name();
    }

    /**
     * Rank among configured providers in production (and in development when
     * {@code database-url} is not configured); higher wins, ties go to the alphabetically first
     * name. The built-in ranks leave room between them: {@code aws-secrets-manager} 400,
     * {@code aws-rds-iam} 300, {@code secret-file} 200, {@code database-url} 100.
     */
    default int priority() {
        return 0;
    }

    /**
     * Opens a source of credentials for the database described by {@code env}. May do I/O
     * (fetch a secret) to learn the target.
     *
     * @throws SQLException when the credentials cannot be had; configuration errors are
     *                      {@link io.credpool.DatabaseConfigException}
     */
    CredentialSource open(Environment env) throws SQLException;
}
