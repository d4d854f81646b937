package io.credpool.internal.config;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.PoolSettings;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link DatabaseConfig} from a target, credentials and settings in the URL vocabulary,
 * following the mapping table of DESIGN.md. Shared by URLs and secret documents.
 */
public final class ConfigAssembler {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    private ConfigAssembler() {
    }

    /**
     * Parses a database URL; {@code DATABASE_<KEY>} variables in {@code env} fill keys the URL
     * does not set. Unknown keys in a Prisma URL are ignored with a warning naming the key; in a
     * {@code jdbc:} URL every key that is not credpool's passes to the driver untouched.
     */
    public static DatabaseConfig fromUrl(String url, Environment env) {
        return fromUrl(url, env, PoolSettings.defaults());
    }

    /**
     * {@link #fromUrl(String, Environment)} with other pool defaults, e.g.
     * {@link PoolKeys#secretDefaults()} for a target whose login comes from a secret: keys the URL
     * and the variables leave out (or leave empty) take their value from {@code defaults}.
     */
    public static DatabaseConfig fromUrl(String url, Environment env, PoolSettings defaults) {
        UrlParts parts = UrlParser.parse(url);
        Map<String, Setting> settings = new LinkedHashMap<>(Keys.fromEnvironment(env));
        Map<String, String> passthrough = new LinkedHashMap<>();
        String user = parts.user();
        String password = parts.password();
        for (Map.Entry<String, String> e : parts.parameters().entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.equals(Keys.USER)) {
                user = value.isEmpty() ? user : value;
            } else if (key.equals(Keys.PASSWORD)) {
                password = value.isEmpty() ? password : value;
            } else if (key.equals(Keys.HOST)) {
                if (!value.isBlank()) {
                    throw value.strip().startsWith("/") ? Hosts.unixSocket(UrlParser.WHERE)
                            : new DatabaseConfigException("URL parameter 'host' is not supported: put the host in the"
                                    + " URL itself, postgresql://user:password@host:5432/database");
                }
            } else if (Keys.isSetting(key) && !(parts.jdbc() && key.equals(Keys.SSLCERT))) {
                if (!value.isBlank()) {
                    settings.put(key, new Setting(key, value, Setting.Origin.URL));
                }
            } else if (parts.jdbc()) {
                passthrough.put(key, value);
            } else {
                String shown = UrlParser.loggableKey(key);
                LOG.log(Level.WARNING, shown != null
                        ? "Ignoring unknown database URL parameter '" + shown + "'"
                        : "Ignoring a database URL parameter whose name is not a plain key");
            }
        }
        return assemble(parts.host(), parts.port(), parts.database(), Credentials.of(user, password),
                settings, passthrough, defaults);
    }

    /**
     * The configuration for {@code host:port/database}: pool keys among {@code settings} applied
     * to {@code defaults}, driver keys mapped to pgjdbc properties, then {@code passthrough}
     * properties (from a {@code jdbc:} URL) on top.
     *
     * @param host already {@linkplain Hosts#normalize normalized}
     */
    public static DatabaseConfig assemble(String host, int port, String database, Credentials credentials,
                                          Map<String, Setting> settings, Map<String, String> passthrough,
                                          PoolSettings defaults) {
        PoolSettings pool = PoolKeys.apply(defaults, settings);
        Map<String, String> props = new LinkedHashMap<>();
        String connectSeconds = Long.toString(pool.connectTimeout().toSeconds());
        props.put("connectTimeout", connectSeconds);
        props.put("loginTimeout", connectSeconds);

        Setting s;
        if ((s = settings.get(Keys.SOCKET_TIMEOUT)) != null) {
            props.put("socketTimeout", Long.toString(Values.seconds(s, "30").toSeconds()));
        }
        if ((s = settings.get(Keys.SSLMODE)) != null) {
            props.put("sslmode", Values.oneOf(s, "disable", "allow", "prefer", "require", "verify-ca", "verify-full"));
        }
        if ((s = settings.get(Keys.SSLACCEPT)) != null
                && Values.oneOf(s, "accept_invalid_certs", "strict").equals("strict")) {
            props.put("sslmode", "verify-full");
        }
        if ((s = settings.get(Keys.SSLCERT)) != null) {
            props.put("sslrootcert", s.value());
        }
        if ((s = settings.get(Keys.SSLIDENTITY)) != null) {
            props.put("sslkey", s.value());
        }
        if ((s = settings.get(Keys.SSLPASSWORD)) != null) {
            props.put("sslpassword", s.value());
        }
        if ((s = settings.get(Keys.STATEMENT_CACHE_SIZE)) != null) {
            props.put("preparedStatementCacheQueries", Integer.toString(Values.wholeNumber(s, 0, 1_000_000, "256")));
        }
        if ((s = settings.get(Keys.APPLICATION_NAME)) != null) {
            props.put("ApplicationName", s.value());
        }
        if ((s = settings.get(Keys.CHANNEL_BINDING)) != null) {
            props.put("channelBinding", Values.oneOf(s, "disable", "prefer", "require"));
        }
        if ((s = settings.get(Keys.OPTIONS)) != null) {
            props.put("options", s.value());
        }
        boolean pgbouncer = (s = settings.get(Keys.PGBOUNCER)) != null && Values.bool(s);
        if (pgbouncer) {
            props.put("prepareThreshold", "0");
            props.put("preparedStatementCacheQueries", "0");
        }
        if ((s = settings.get(Keys.SCHEMA)) != null) {
            String schema = quoteIdentifier(s.value().strip());
            if (pgbouncer) {
                // PgBouncer rejects the search_path startup parameter that currentSchema sends; set
                // it through the server's own command-line options instead.
                String option = "-c search_path=" + escapeOption(schema);
                props.merge("options", option, (old, add) -> old + " " + add);
            } else {
                props.put("currentSchema", schema);
            }
        }
        props.putAll(passthrough);
        String jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + Codec.encodePath(database);
        return new DatabaseConfig(jdbcUrl, credentials, props, pool);
    }

    /** A schema name as PostgreSQL reads it: as is when a plain lower-case identifier, else double-quoted. */
    static String quoteIdentifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Escapes backslashes and whitespace, which separate arguments in the {@code options} startup parameter. */
    static String escapeOption(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || Character.isWhitespace(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
