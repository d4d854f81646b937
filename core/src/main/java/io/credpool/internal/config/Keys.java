package io.credpool.internal.config;

import io.credpool.Environment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of configuration keys: Prisma's URL parameters plus credpool's pool keys. The
 * same keys are read from URL query parameters, {@code DATABASE_<KEY>} variables and secret fields.
 */
public final class Keys {

    /** Pool maximum size. */
    public static final String CONNECTION_LIMIT = "connection_limit";
    /** Acquire timeout, seconds. */
    public static final String POOL_TIMEOUT = "pool_timeout";
    /** Connect and login timeout, seconds. */
    public static final String CONNECT_TIMEOUT = "connect_timeout";
    /** Idle connections kept. */
    public static final String MIN_IDLE = "min_idle";
    /** Validation timeout, seconds. */
    public static final String VALIDATION_TIMEOUT = "validation_timeout";
    /** Leak report threshold, seconds. */
    public static final String LEAK_THRESHOLD = "leak_threshold";
    /** Graceful close timeout, seconds. */
    public static final String SHUTDOWN_TIMEOUT = "shutdown_timeout";
    /** Connection lifetime, seconds. */
    public static final String MAX_LIFETIME = "max_connection_lifetime";
    /** Idle timeout, seconds. */
    public static final String MAX_IDLE_LIFETIME = "max_idle_connection_lifetime";

    /** Becomes {@code currentSchema}, or {@code search_path} in {@code options} with PgBouncer. */
    public static final String SCHEMA = "schema";
    /** Becomes {@code socketTimeout}. */
    public static final String SOCKET_TIMEOUT = "socket_timeout";
    /** Passed through, validated. */
    public static final String SSLMODE = "sslmode";
    /** {@code strict} becomes {@code sslmode=verify-full}. */
    public static final String SSLACCEPT = "sslaccept";
    /**
     * Becomes {@code sslrootcert}. In a {@code jdbc:} URL it is pgjdbc's own {@code sslcert} (the
     * client certificate) and passes through.
     */
    public static final String SSLCERT = "sslcert";
    /** Becomes {@code sslkey}. */
    public static final String SSLIDENTITY = "sslidentity";
    /** Passed through; a secret. */
    public static final String SSLPASSWORD = "sslpassword";
    /** Turns server-side prepared statements off. */
    public static final String PGBOUNCER = "pgbouncer";
    /** Becomes {@code preparedStatementCacheQueries}. */
    public static final String STATEMENT_CACHE_SIZE = "statement_cache_size";
    /** Becomes {@code ApplicationName}. */
    public static final String APPLICATION_NAME = "application_name";
    /** Passed through. */
    public static final String OPTIONS = "options";
    /** Becomes {@code channelBinding}. */
    public static final String CHANNEL_BINDING = "channel_binding";

    /** A unix-socket directory in Prisma URLs; always an error here. */
    public static final String HOST = "host";
    /** Moves to the credentials. */
    public static final String USER = "user";
    /** Moves to the credentials. */
    public static final String PASSWORD = "password";

    /** Keys that become {@link io.credpool.PoolSettings} ({@code connect_timeout} also sets driver properties). */
    public static final Set<String> POOL = Set.of(CONNECTION_LIMIT, POOL_TIMEOUT, CONNECT_TIMEOUT, MIN_IDLE,
            VALIDATION_TIMEOUT, LEAK_THRESHOLD, SHUTDOWN_TIMEOUT, MAX_LIFETIME, MAX_IDLE_LIFETIME);

    /** Keys that become driver properties. */
    public static final Set<String> DRIVER = Set.of(SCHEMA, SOCKET_TIMEOUT, SSLMODE, SSLACCEPT, SSLCERT,
            SSLIDENTITY, SSLPASSWORD, PGBOUNCER, STATEMENT_CACHE_SIZE, APPLICATION_NAME, OPTIONS, CHANNEL_BINDING);

    /** {@link #POOL} and {@link #DRIVER} in alphabetical order, the order in which the environment is read. */
    private static final String[] SORTED = sorted();

    private Keys() {
    }

    /** Whether {@code key} is a pool or driver key (not {@code host}, {@code user}, {@code password}). */
    public static boolean isSetting(String key) {
        return POOL.contains(key) || DRIVER.contains(key);
    }

    /**
     * Every pool and driver key set as a {@code DATABASE_<KEY>} variable in {@code env}, e.g.
     * {@code DATABASE_CONNECTION_LIMIT}. {@code DATABASE_HOST}, {@code _USER} and {@code _PASSWORD}
     * are not read: other tools use those names.
     */
    public static Map<String, Setting> fromEnvironment(Environment env) {
        Map<String, Setting> found = new LinkedHashMap<>();
        // A plain loop, no stream or lambda: this runs on the cold path to the first secret.
        for (String key : SORTED) {
            String value = env.get(Setting.variable(key)).orElse(null);
            if (value != null) {
                found.put(key, new Setting(key, value.strip(), Setting.Origin.ENVIRONMENT));
            }
        }
        return found;
    }

    private static String[] sorted() {
        String[] keys = new String[POOL.size() + DRIVER.size()];
        int n = 0;
        for (String key : POOL) {
            keys[n++] = key;
        }
        for (String key : DRIVER) {
            keys[n++] = key;
        }
        Arrays.sort(keys);
        return keys;
    }
}
