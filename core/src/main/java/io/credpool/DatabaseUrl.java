package io.credpool;

import io.credpool.internal.config.ConfigAssembler;
import java.util.Map;

/**
 * Turns a Prisma-style database URL, or a {@code jdbc:postgresql:} URL, into a
 * {@link DatabaseConfig} whose JDBC URL holds no credentials.
 *
 * <pre>{@code
 * DatabaseConfig c = DatabaseUrl.parse("postgresql://app:s%40cret@db.example:5432/streams?schema=sales&connection_limit=5");
 * c.jdbcUrl();                 // jdbc:postgresql://db.example:5432/streams
 * c.credentials().password();  // s@cret
 * c.driverProperties();        // {connectTimeout=5, loginTimeout=5, currentSchema=sales}
 * c.pool().maxSize();          // 5
 * }</pre>
 *
 * <h2>Syntax</h2>
 * Schemes {@code postgresql://}, {@code postgres://} (any case) and {@code jdbc:postgresql://}.
 * The URL is taken apart by hand, not with {@link java.net.URI}, so host names with {@code _} and
 * passwords with a raw {@code @} work: the user information ends at the <em>last</em> {@code @}
 * before the query and splits into user and password at its <em>first</em> {@code :}. User and
 * password are percent-decoded ({@code +} stays {@code +}); query values are form-decoded
 * ({@code +} is a space); an escape that is not {@code %} and two hex digits stays as written.
 * IPv6 hosts are written in brackets ({@code [::1]}). The port defaults to 5432 and the database
 * to {@code postgres}; the database name is decoded, then encoded again where the JDBC URL needs
 * it. A repeated key: the last one wins. The fragment is ignored. Surrounding whitespace and one
 * pair of surrounding quotes (as a Docker env file leaves them) are ignored.
 *
 * <h2>Parameters</h2>
 * <table>
 * <caption>Prisma parameters and what they become</caption>
 * <tr><th>parameter</th><th>becomes</th></tr>
 * <tr><td>{@code schema}</td><td>driver property {@code currentSchema}, double-quoted unless a plain
 *     lower-case identifier</td></tr>
 * <tr><td>{@code connection_limit}</td><td>{@link PoolSettings#maxSize()}, 1 to 10000</td></tr>
 * <tr><td>{@code pool_timeout}</td><td>{@link PoolSettings#acquireTimeout()} in seconds, 0 waits forever</td></tr>
 * <tr><td>{@code connect_timeout}</td><td>{@link PoolSettings#connectTimeout()} and driver properties
 *     {@code connectTimeout} and {@code loginTimeout}, in seconds, 0 for none; always set (default 5)</td></tr>
 * <tr><td>{@code socket_timeout}</td><td>{@code socketTimeout}</td></tr>
 * <tr><td>{@code sslmode}</td><td>{@code sslmode}: disable, allow, prefer, require, verify-ca, verify-full</td></tr>
 * <tr><td>{@code sslaccept}</td><td>{@code strict} sets {@code sslmode=verify-full};
 *     {@code accept_invalid_certs} leaves {@code sslmode} alone</td></tr>
 * <tr><td>{@code sslcert} / {@code sslidentity} / {@code sslpassword}</td><td>{@code sslrootcert} /
 *     {@code sslkey} / {@code sslpassword} (masked when shown)</td></tr>
 * <tr><td>{@code pgbouncer=true}</td><td>{@code prepareThreshold=0}, {@code preparedStatementCacheQueries=0},
 *     and the schema goes into {@code options} as {@code -c search_path=...} (PgBouncer rejects the
 *     {@code search_path} startup parameter {@code currentSchema} would send)</td></tr>
 * <tr><td>{@code statement_cache_size}</td><td>{@code preparedStatementCacheQueries}</td></tr>
 * <tr><td>{@code application_name} / {@code options} / {@code channel_binding}</td><td>{@code ApplicationName}
 *     / {@code options} / {@code channelBinding}</td></tr>
 * <tr><td>{@code max_connection_lifetime} / {@code max_idle_connection_lifetime}</td><td>{@link PoolSettings#maxLifetime()}
 *     / {@link PoolSettings#idleTimeout()} in seconds</td></tr>
 * <tr><td>{@code min_idle}, {@code validation_timeout}, {@code leak_threshold}, {@code shutdown_timeout}</td>
 *     <td>the {@link PoolSettings} component of that name (durations in seconds)</td></tr>
 * <tr><td>{@code user}, {@code password}</td><td>{@link DatabaseConfig#credentials()}, overriding the user information</td></tr>
 * <tr><td>{@code host}</td><td>an error: a unix-socket directory needs a {@code socketFactory}</td></tr>
 * </table>
 * An empty value is the same as leaving the key out. An unknown key is ignored with a warning
 * (logger {@code io.credpool}) that names only the key. In a {@code jdbc:} URL every key that is
 * not in this table, and {@code sslcert}, is a pgjdbc property and passes to the driver untouched.
 *
 * <h2>Errors</h2>
 * A malformed URL or value is a {@link DatabaseConfigException} that names the key and the fix.
 * Messages never contain the URL or any value from it: the URL holds a password.
 */
public final class DatabaseUrl {

    private static final Environment NO_VARIABLES = Environment.of(Map.of());

    private DatabaseUrl() {
    }

    /**
     * Parses {@code url} on its own; every key not in the URL takes its default.
     *
     * @throws DatabaseConfigException when the URL or one of its values is malformed
     */
    public static DatabaseConfig parse(String url) {
        return ConfigAssembler.fromUrl(url, NO_VARIABLES);
    }

    /**
     * Parses {@code url}; keys it does not set are read from {@code DATABASE_<KEY>} variables of
     * {@code env}, e.g. {@code DATABASE_CONNECTION_LIMIT=10} or {@code DATABASE_SSLMODE=require}.
     * The URL wins over the variables. {@code DATABASE_HOST}, {@code DATABASE_USER} and
     * {@code DATABASE_PASSWORD} are never read.
     *
     * @throws DatabaseConfigException when the URL or a value is malformed, naming the key or variable
     */
    public static DatabaseConfig parse(String url, Environment env) {
        return ConfigAssembler.fromUrl(url, java.util.Objects.requireNonNull(env, "env"));
    }
}
