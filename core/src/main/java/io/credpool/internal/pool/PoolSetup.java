package io.credpool.internal.pool;

import io.credpool.PoolListener;
import io.credpool.PoolSettings;
import io.credpool.spi.CredentialSource;
import java.sql.Driver;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link Pool} is set up with, resolved by {@code ConnectionPool.Builder}: the driver
 * found, the credential source opened, the name chosen. Not the user's knobs ({@link PoolSettings},
 * one component here) nor the parsed target ({@code DatabaseConfig}, what the builder starts from).
 *
 * @param jdbcUrl          the URL handed to the driver; never holds credentials
 * @param target           {@code host:port/database}, as messages and logs show it
 * @param driver           the driver that accepts {@code jdbcUrl}
 * @param driverProperties properties for every connect, without user and password
 * @param settings         pool settings
 * @param source           where credentials come from; the pool closes it
 * @param provider         the credential provider's name, for error messages
 * @param logStatements    log SQL text at DEBUG (development only)
 * @param name             the pool's name, by default {@code target}
 * @param listener         the user's listener, or null for none
 */
public record PoolSetup(String jdbcUrl, String target, Driver driver, Map<String, String> driverProperties,
                         PoolSettings settings, CredentialSource source, String provider, boolean logStatements,
                         String name, PoolListener listener) {

    /** Rejects nulls and copies the properties. */
    public PoolSetup {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        driverProperties = Map.copyOf(driverProperties);
    }

    /**
     * How messages and logs name the pool: the target alone when the pool has no name of its
     * own, else {@code name (target)}.
     */
    public String label() {
        return name.equals(target) ? target : name + " (" + target + ")";
    }
}
