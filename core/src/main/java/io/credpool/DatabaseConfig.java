package io.credpool;

import io.credpool.internal.config.Redact;
import io.credpool.internal.config.RedactedMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to open connections to one database: where, as whom, with which driver
 * properties and pool settings.
 *
 * <p>The JDBC URL never holds credentials and the driver properties never hold the password;
 * those travel in {@link #credentials()} so they can be refreshed without rebuilding the pool.
 * {@link #toString()} masks every secret, including {@code sslpassword}.
 *
 * @param jdbcUrl          {@code jdbc:postgresql://host:port/db}, nothing more
 * @param credentials      the user and password to start with
 * @param driverProperties properties handed to the driver with every connect (immutable, in the
 *                         order given; its {@code toString()} masks secrets too)
 * @param pool             pool settings
 */
public record DatabaseConfig(String jdbcUrl, Credentials credentials, Map<String, String> driverProperties,
                             PoolSettings pool) {

    /** Rejects nulls and a password smuggled into the driver properties; copies the map. */
    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(pool, "pool");
        driverProperties = RedactedMap.copyOf(driverProperties == null ? Map.of() : driverProperties);
        if (driverProperties.containsKey("password") || driverProperties.containsKey("user")) {
            throw new DatabaseConfigException(
                    "driverProperties must not hold 'user' or 'password': pass them as credentials instead");
        }
    }

    /** A copy with other pool settings. */
    public DatabaseConfig withPool(PoolSettings pool) {
        return new DatabaseConfig(jdbcUrl, credentials, driverProperties, pool);
    }

    /** A copy with other credentials. */
    public DatabaseConfig withCredentials(Credentials credentials) {
        return new DatabaseConfig(jdbcUrl, credentials, driverProperties, pool);
    }

    /**
     * The target as log lines and messages show it, {@code host:port/database}, taken from the
     * JDBC URL; the whole URL minus its scheme, user information and query when it has another shape.
     */
    public String target() {
        // Read from the masked URL: a raw '?' or '#' in a password must not make part of it the "host".
        String rest = Redact.url(jdbcUrl);
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int query = rest.indexOf('?');
        rest = query >= 0 ? rest.substring(0, query) : rest;
        return rest.substring(rest.lastIndexOf('@') + 1);
    }

    /**
     * Shows the URL, the user, the driver properties and the pool settings. Masked: the password,
     * and the value of every driver property or URL parameter whose name contains
     * {@code password}, {@code secret}, {@code token} or {@code key} (such as {@code sslpassword}).
     */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + Redact.url(jdbcUrl) + ", credentials=" + credentials
                + ", driverProperties=" + driverProperties + ", pool=" + pool + "]";
    }
}
