package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUrlTest {

    private static final PoolSettings DEFAULTS = PoolSettings.defaults();

    /** One row of the table: the URL and everything it must become. */
    record Case(String url, String jdbcUrl, String user, String password, Map<String, String> props, PoolSettings pool) {
        @Override
        public String toString() {
            return url;
        }
    }

    private static Arguments ok(String url, String jdbcUrl, String user, String password) {
        return ok(url, jdbcUrl, user, password, Map.of(), p -> p);
    }

    private static Arguments ok(String url, String jdbcUrl, String user, String password, Map<String, String> extraProps) {
        return ok(url, jdbcUrl, user, password, extraProps, p -> p);
    }

    /** Expected driver properties are the always-present timeouts plus {@code extraProps}. */
    private static Arguments ok(String url, String jdbcUrl, String user, String password, Map<String, String> extraProps,
                                UnaryOperator<PoolSettings> pool) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connectTimeout", "5");
        props.put("loginTimeout", "5");
        props.putAll(extraProps);
        return Arguments.of(new Case(url, jdbcUrl, user, password, props, pool.apply(DEFAULTS)));
    }

    static Stream<Arguments> valid() {
        String local = "jdbc:postgresql://localhost:5432/app";
        return Stream.of(
                ok("postgresql://app:secret@localhost:5432/app", local, "app", "secret"),
                ok("postgres://app:secret@localhost:5432/app", local, "app", "secret"),
                ok("PostgreSQL://app:secret@localhost:5432/app", local, "app", "secret"),
                ok("jdbc:postgresql://localhost:5432/app?user=app&password=secret", local, "app", "secret"),
                ok("jdbc:postgresql://app:secret@localhost:5432/app", local, "app", "secret"),
                ok("JDBC:PostgreSQL://localhost/app?user=app", local, "app", null),
                ok("postgresql://app:secret@localhost/app", local, "app", "secret"),
                ok("postgresql://app:secret@localhost:6543", "jdbc:postgresql://localhost:6543/postgres", "app", "secret"),
                ok("postgresql://app:secret@localhost:6543/", "jdbc:postgresql://localhost:6543/postgres", "app", "secret"),
                ok("postgresql://localhost/app", local, null, null),
                ok("postgresql://app@localhost/app", local, "app", null),
                ok("postgresql://app:@localhost/app", local, "app", null),
                ok("postgresql://:secret@localhost/app", local, null, "secret"),
                // userinfo: the last @ ends it, the first : splits it, percent-decoding keeps +
                ok("postgresql://app:p@ss@w0rd@localhost/app", local, "app", "p@ss@w0rd"),
                ok("postgresql://app:p%40ss%3Aw%2Fd@localhost/app", local, "app", "p@ss:w/d"),
                ok("postgresql://app:a+b@localhost/app", local, "app", "a+b"),
                ok("postgresql://app:a%20b%2Bc@localhost/app", local, "app", "a b+c"),
                ok("postgresql://app:100%zz%@localhost/app", local, "app", "100%zz%"),
                ok("postgresql://app:pa:ss:word@localhost/app", local, "app", "pa:ss:word"),
                ok("postgresql://us%40er%3A1:secret@localhost/app", local, "us@er:1", "secret"),
                ok("postgresql://app:caf%C3%A9%F0%9F%94%91@localhost/app", local, "app", "caf\u00e9\uD83D\uDD11"),
                ok("postgresql://app:bad%C3%28utf8@localhost/app", local, "app", "bad%C3(utf8"),
                ok("postgresql://app:p#w/d@localhost/app", local, "app", "p#w/d"),
                ok("postgresql://app:secret@localhost/app?application_name=me@host", local, "app", "secret",
                        Map.of("ApplicationName", "me@host")),
                // hosts
                ok("postgresql://app:secret@my_db-1.internal:6543/app", "jdbc:postgresql://my_db-1.internal:6543/app", "app", "secret"),
                ok("postgresql://app:secret@10.0.0.7/app", "jdbc:postgresql://10.0.0.7:5432/app", "app", "secret"),
                ok("postgresql://app:secret@[::1]:5433/app", "jdbc:postgresql://[::1]:5433/app", "app", "secret"),
                ok("postgresql://app:secret@[2001:db8::1]/app", "jdbc:postgresql://[2001:db8::1]:5432/app", "app", "secret"),
                // database names are decoded, then encoded for the JDBC URL
                ok("postgresql://app:secret@localhost/my%20db", "jdbc:postgresql://localhost:5432/my%20db", "app", "secret"),
                ok("postgresql://app:secret@localhost/a+b", "jdbc:postgresql://localhost:5432/a%2Bb", "app", "secret"),
                ok("postgresql://app:secret@localhost/caf%C3%A9", "jdbc:postgresql://localhost:5432/caf%C3%A9", "app", "secret"),
                // schema
                ok("postgresql://app:secret@localhost/app?schema=public", local, "app", "secret", Map.of("currentSchema", "public")),
                ok("postgresql://app:secret@localhost/app?schema=Sales", local, "app", "secret", Map.of("currentSchema", "\"Sales\"")),
                ok("postgresql://app:secret@localhost/app?schema=a%22b", local, "app", "secret", Map.of("currentSchema", "\"a\"\"b\"")),
                ok("postgresql://app:secret@localhost/app?schema=my+schema", local, "app", "secret", Map.of("currentSchema", "\"my schema\"")),
                // pool keys
                ok("postgresql://app:secret@localhost/app?connection_limit=5&pool_timeout=20", local, "app", "secret", Map.of(),
                        p -> p.withMaxSize(5).withAcquireTimeout(Duration.ofSeconds(20))),
                ok("postgresql://app:secret@localhost/app?pool_timeout=0", local, "app", "secret", Map.of(),
                        p -> p.withAcquireTimeout(Duration.ZERO)),
                ok("postgresql://app:secret@localhost/app?connect_timeout=10", local, "app", "secret",
                        Map.of("connectTimeout", "10", "loginTimeout", "10"), p -> p.withConnectTimeout(Duration.ofSeconds(10))),
                ok("postgresql://app:secret@localhost/app?connect_timeout=0", local, "app", "secret",
                        Map.of("connectTimeout", "0", "loginTimeout", "0"), p -> p.withConnectTimeout(Duration.ZERO)),
                ok("postgresql://app:secret@localhost/app?max_connection_lifetime=600&max_idle_connection_lifetime=60", local,
                        "app", "secret", Map.of(), p -> p.withMaxLifetime(Duration.ofSeconds(600)).withIdleTimeout(Duration.ofSeconds(60))),
                ok("postgresql://app:secret@localhost/app?connection_limit=4&min_idle=2&validation_timeout=1&leak_threshold=30&shutdown_timeout=7",
                        local, "app", "secret", Map.of(), p -> p.withMaxSize(4).withMinIdle(2).withValidationTimeout(Duration.ofSeconds(1))
                                .withLeakThreshold(Duration.ofSeconds(30)).withShutdownTimeout(Duration.ofSeconds(7))),
                ok("postgresql://app:secret@localhost/app?connection_limit=3&connection_limit=7", local, "app", "secret", Map.of(),
                        p -> p.withMaxSize(7)),
                // driver keys
                ok("postgresql://app:secret@localhost/app?socket_timeout=30", local, "app", "secret", Map.of("socketTimeout", "30")),
                ok("postgresql://app:secret@localhost/app?sslmode=require", local, "app", "secret", Map.of("sslmode", "require")),
                ok("postgresql://app:secret@localhost/app?sslmode=VERIFY-CA", local, "app", "secret", Map.of("sslmode", "verify-ca")),
                ok("postgresql://app:secret@localhost/app?sslmode=require&sslaccept=strict", local, "app", "secret",
                        Map.of("sslmode", "verify-full")),
                ok("postgresql://app:secret@localhost/app?sslmode=require&sslaccept=accept_invalid_certs", local, "app", "secret",
                        Map.of("sslmode", "require")),
                ok("postgresql://app:secret@localhost/app?sslcert=/c/root.pem&sslidentity=/c/id.p12&sslpassword=kp", local, "app",
                        "secret", Map.of("sslrootcert", "/c/root.pem", "sslkey", "/c/id.p12", "sslpassword", "kp")),
                ok("postgresql://app:secret@localhost/app?pgbouncer=true", local, "app", "secret",
                        Map.of("prepareThreshold", "0", "preparedStatementCacheQueries", "0")),
                ok("postgresql://app:secret@localhost/app?pgbouncer=TRUE&schema=My+Sales&options=-c%20statement_timeout%3D5s",
                        local, "app", "secret", Map.of("prepareThreshold", "0", "preparedStatementCacheQueries", "0",
                                "options", "-c statement_timeout=5s -c search_path=\"My\\ Sales\"")),
                ok("postgresql://app:secret@localhost/app?pgbouncer=false&schema=sales", local, "app", "secret",
                        Map.of("currentSchema", "sales")),
                ok("postgresql://app:secret@localhost/app?statement_cache_size=100", local, "app", "secret",
                        Map.of("preparedStatementCacheQueries", "100")),
                ok("postgresql://app:secret@localhost/app?statement_cache_size=100&pgbouncer=true", local, "app", "secret",
                        Map.of("prepareThreshold", "0", "preparedStatementCacheQueries", "0")),
                ok("postgresql://app:secret@localhost/app?application_name=my+app%2B1&options=-c%20geqo%3Doff&channel_binding=require",
                        local, "app", "secret", Map.of("ApplicationName", "my app+1", "options", "-c geqo=off", "channelBinding", "require")),
                // unknown keys, empty values, empty pairs, fragments, quotes
                ok("postgresql://app:secret@localhost/app?foo=bar&schema=", local, "app", "secret"),
                ok("postgresql://app:secret@localhost/app?&&sslmode=disable&&", local, "app", "secret", Map.of("sslmode", "disable")),
                ok("postgresql://app:secret@localhost/app?schema=a#schema=b", local, "app", "secret", Map.of("currentSchema", "a")),
                ok("postgresql://app:secret@localhost/app#frag", local, "app", "secret"),
                ok("  \"postgresql://app:secret@localhost/app\"\n", local, "app", "secret"),
                ok("postgresql://app:old@localhost/app?password=n%26w+pw&user=other", local, "other", "n&w pw"),
                // jdbc: URLs pass pgjdbc properties through and still honour credpool's keys
                ok("jdbc:postgresql://localhost/app?ssl=true&currentSchema=x&sslcert=/c/client.pem&ApplicationName=a",
                        local, null, null, Map.of("ssl", "true", "currentSchema", "x", "sslcert", "/c/client.pem", "ApplicationName", "a")),
                ok("jdbc:postgresql://localhost/app?connection_limit=4&connect_timeout=2&sslmode=require", local, null, null,
                        Map.of("connectTimeout", "2", "loginTimeout", "2", "sslmode", "require"),
                        p -> p.withMaxSize(4).withConnectTimeout(Duration.ofSeconds(2))),
                ok("jdbc:postgresql://localhost/app?connectTimeout=9", local, null, null, Map.of("connectTimeout", "9")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesValidUrls(Case c) {
        DatabaseConfig config = DatabaseUrl.parse(c.url());
        assertEquals(c.jdbcUrl(), config.jdbcUrl(), "jdbcUrl");
        assertEquals(c.user(), config.credentials().username(), "username");
        assertEquals(c.password(), config.credentials().password(), "password");
        assertEquals(c.props(), config.driverProperties(), "driverProperties");
        assertEquals(c.pool(), config.pool(), "pool");
        assertFalse(config.driverProperties().containsKey("user") || config.driverProperties().containsKey("password"));
    }

    private static final String PW = "Sup3r-s3cret!";

    static Stream<Arguments> invalid() {
        String base = "postgresql://app:" + PW + "@localhost:5432/app";
        return Stream.of(
                Arguments.of("postgresql://app:" + PW + "@localhost:abc/app", "port"),
                Arguments.of("postgresql://app:" + PW + "@localhost:0/app", "port"),
                Arguments.of("postgresql://app:" + PW + "@localhost:65536/app", "port"),
                Arguments.of("postgresql://app:" + PW + "@localhost:99999999999/app", "port"),
                Arguments.of("postgresql://app:" + PW + "@localhost:-1/app", "port"),
                Arguments.of("postgresql://app:" + PW + "@[::1]:x/app", "port"),
                Arguments.of("postgresql://app:pa?" + PW + "@localhost/app", "port"),
                Arguments.of(base + "?connection_limit=abc", "connection_limit"),
                Arguments.of(base + "?connection_limit=0", "connection_limit"),
                Arguments.of(base + "?connection_limit=-3", "connection_limit"),
                Arguments.of(base + "?connection_limit=10001", "connection_limit"),
                Arguments.of(base + "?connection_limit=%EF%BC%95", "connection_limit"),
                Arguments.of(base + "?pool_timeout=1.5", "pool_timeout"),
                Arguments.of(base + "?pool_timeout=-1", "pool_timeout"),
                Arguments.of(base + "?connect_timeout=soon", "connect_timeout"),
                Arguments.of(base + "?connect_timeout=99999999999", "connect_timeout"),
                Arguments.of(base + "?socket_timeout=x", "socket_timeout"),
                Arguments.of(base + "?max_connection_lifetime=1h", "max_connection_lifetime"),
                Arguments.of(base + "?max_idle_connection_lifetime=1h", "max_idle_connection_lifetime"),
                Arguments.of(base + "?min_idle=x", "min_idle"),
                Arguments.of(base + "?connection_limit=5&min_idle=6", "min_idle"),
                Arguments.of(base + "?validation_timeout=x", "validation_timeout"),
                Arguments.of(base + "?leak_threshold=x", "leak_threshold"),
                Arguments.of(base + "?shutdown_timeout=x", "shutdown_timeout"),
                Arguments.of(base + "?statement_cache_size=-1", "statement_cache_size"),
                Arguments.of(base + "?pgbouncer=yes", "pgbouncer"),
                Arguments.of(base + "?pgbouncer=1", "pgbouncer"),
                Arguments.of(base + "?sslmode=bogus", "sslmode"),
                Arguments.of(base + "?sslaccept=maybe", "sslaccept"),
                Arguments.of(base + "?channel_binding=always", "channel_binding"),
                Arguments.of(base + "?host=/var/run/postgresql", "socketFactory"),
                Arguments.of(base + "?host=otherhost", "host"),
                Arguments.of("postgresql://app:" + PW + "@%2Fvar%2Frun%2Fpostgresql/app", "socketFactory"),
                // libpq's form: no host, the socket directory as a parameter
                Arguments.of("postgresql://app:" + PW + "@/app?host=/var/run/postgresql", "connect over TCP"),
                Arguments.of("postgresql:///app?host=%2Ftmp&password=" + PW, "unix-socket directory"),
                Arguments.of("jdbc:postgresql:///app?host=/tmp&password=" + PW, "unix-socket directory"),
                Arguments.of("mysql://app:" + PW + "@localhost/app", "scheme"),
                Arguments.of("https://app:" + PW + "@localhost/app", "scheme"),
                Arguments.of("app:" + PW + "@localhost/app", "scheme"),
                Arguments.of("jdbc:mysql://localhost/app?password=" + PW, "scheme"),
                Arguments.of("jdbc:postgresql:app?password=" + PW, "host"),
                Arguments.of("jdbc:postgresql:///app?password=" + PW, "host"),
                Arguments.of("jdbc:postgresql://:5432/app?password=" + PW, "host"),
                Arguments.of("postgresql://app:" + PW + "@/app", "host"),
                Arguments.of("postgresql://app:" + PW + "@db1,db2/app", "host"),
                Arguments.of("postgresql://app:" + PW + "@bad host/app", "host"),
                Arguments.of("postgresql://app:" + PW + "@[::1/app", "host"),
                Arguments.of("postgresql://app:" + PW + "@[zz::1]/app", "host"),
                Arguments.of("postgresql://app:" + PW + "@[::1]x/app", "host"),
                Arguments.of("   ", "DATABASE_URL"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalid")
    void rejectsMalformedUrlsNamingTheKeyNeverThePassword(String url, String key) {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> DatabaseUrl.parse(url));
        assertTrue(e.getMessage().contains(key), () -> "message should name " + key + ": " + e.getMessage());
        assertFalse(e.getMessage().contains(PW), () -> "message leaks the password: " + e.getMessage());
        assertFalse(e.getMessage().contains("localhost/app"), () -> "message quotes the URL: " + e.getMessage());
    }

    @Test
    void databaseVariablesFillKeysTheUrlLeavesOut() {
        Environment env = Environment.of(Map.of("DATABASE_CONNECTION_LIMIT", "10", "DATABASE_POOL_TIMEOUT", "30",
                "DATABASE_SSLMODE", "require", "DATABASE_HOST", "elsewhere", "DATABASE_USER", "x", "DATABASE_PASSWORD", "y",
                "DATABASE_URL", "ignored"));
        DatabaseConfig c = DatabaseUrl.parse("postgresql://app:pw@localhost/app?connection_limit=3", env);
        assertEquals(3, c.pool().maxSize(), "the URL wins");
        assertEquals(Duration.ofSeconds(30), c.pool().acquireTimeout());
        assertEquals("require", c.driverProperties().get("sslmode"));
        assertEquals("jdbc:postgresql://localhost:5432/app", c.jdbcUrl());
        assertEquals(Credentials.of("app", "pw"), c.credentials());
    }

    @Test
    void aBadDatabaseVariableIsNamed() {
        Environment env = Environment.of(Map.of("DATABASE_CONNECTION_LIMIT", "lots"));
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> DatabaseUrl.parse("postgresql://app:pw@localhost/app", env));
        assertTrue(e.getMessage().startsWith("DATABASE_CONNECTION_LIMIT must be a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("DATABASE_CONNECTION_LIMIT=10"), e.getMessage());
    }

    @Test
    void jdbcUrlsTakeTheirOwnPgjdbcNamesOverDatabaseVariables() {
        Environment env = Environment.of(Map.of("DATABASE_SCHEMA", "fromenv", "DATABASE_SSLCERT", "/env/root.pem"));
        DatabaseConfig c = DatabaseUrl.parse("jdbc:postgresql://localhost/app?currentSchema=fromurl", env);
        assertEquals("fromurl", c.driverProperties().get("currentSchema"));
        assertEquals("/env/root.pem", c.driverProperties().get("sslrootcert"));
    }

    @Test
    void unknownKeysAreWarnedAboutByNameOnly() {
        try (LogCapture log = new LogCapture()) {
            DatabaseUrl.parse("postgresql://app:pw@localhost/app?foo=bar-value&sslmode=require&we%20ird=v2");
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(2, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("'foo'"), warnings::toString);
            assertFalse(String.join("\n", warnings).contains("bar-value"), warnings::toString);
            assertFalse(warnings.get(1).contains("ird"), "a key that is not a plain name is not echoed");
        }
    }

    @Test
    void toStringMasksSslPassword() {
        DatabaseConfig c = DatabaseUrl.parse("postgresql://app:Pw-1234@localhost/app?sslpassword=Kp-5678");
        String shown = c.toString();
        assertFalse(shown.contains("Pw-1234"), shown);
        assertFalse(shown.contains("Kp-5678"), shown);
        assertTrue(shown.contains("sslpassword=****"), shown);
        assertEquals("localhost:5432/app", c.target());
    }
    /** Huge and malformed URLs: each is parsed or rejected with a DatabaseConfigException, quickly, never showing the password. */
    static Stream<Arguments> hostileUrls() {
        String pw = "Hu9e-" + "p".repeat(1_000_000);
        return Stream.of(
                Arguments.of("1 MB password", "postgresql://app:" + pw + "@db/app", true),
                Arguments.of("100k raw @ in the password", "postgresql://app:" + "@".repeat(100_000) + pw + "@db/app", true),
                Arguments.of("100k bad escapes", "postgresql://app:" + "%".repeat(100_000) + pw + "@db/app", true),
                Arguments.of("100k colons", "postgresql://app:" + ":".repeat(100_000) + pw + "@db/app", true),
                Arguments.of("100k pool keys", "postgresql://app:" + pw + "@db/app?" + "connection_limit=3&".repeat(100_000), true),
                Arguments.of("1 MB host", "postgresql://app:" + pw + "@" + "h".repeat(1_000_000) + "/app", true),
                Arguments.of("unclosed IPv6 of 1 MB", "postgresql://app:" + pw + "@[" + ":".repeat(1_000_000) + "/app", false),
                Arguments.of("1 MB port", "postgresql://app:" + pw + "@db:" + "9".repeat(1_000_000) + "/app", false),
                Arguments.of("100k ? and #", "postgresql://app:" + pw + "@db/app" + "?#".repeat(100_000), true),
                Arguments.of("only separators", "postgresql://" + "@:/?#&=[]".repeat(100_000), false),
                Arguments.of("NUL and newlines", "postgresql://app:" + pw + "\u0000\n@db/app\u0000", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileUrls")
    void hugeAndMalformedUrlsAreHandledInLinearTime(String name, String url, boolean parses) {
        try (LogCapture log = new LogCapture()) {
            long start = System.nanoTime();
            String shown;
            if (parses) {
                DatabaseConfig config = DatabaseUrl.parse(url);
                shown = config.toString() + config.driverProperties();
            } else {
                shown = assertThrows(DatabaseConfigException.class, () -> DatabaseUrl.parse(url)).getMessage();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_000, name + " took " + millis + " ms");
            assertFalse(shown.contains("Hu9e-") || log.everything().contains("Hu9e-"), name);
            assertTrue(parses || shown.length() < 1_000, name + ": the message echoes " + shown.length() + " characters");
        }
    }
}
