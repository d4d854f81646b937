package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseSecretTest {

    private static final String SEED = "{\"host\": \"stream-sales-db.abc123.us-east-1.rds.amazonaws.com\", \"port\": \"5432\","
            + " \"username\": \"dbadmin\", \"password\": \"YourSecurePassword123!\", \"dbname\": \"streams\", \"engine\": \"postgres\"}";

    private static final Environment NONE = Environment.of(Map.of());

    @Test
    void parsesTheSeedDocument() {
        DatabaseSecret s = DatabaseSecret.parse(SEED);
        assertEquals("stream-sales-db.abc123.us-east-1.rds.amazonaws.com", s.host());
        assertEquals(5432, s.port());
        assertEquals("dbadmin", s.username());
        assertEquals("YourSecurePassword123!", s.password());
        assertEquals("streams", s.dbname());
        assertEquals("postgres", s.engine());
        assertEquals(Map.of(), s.parameters());

        DatabaseConfig c = s.toConfig(NONE);
        assertEquals("jdbc:postgresql://stream-sales-db.abc123.us-east-1.rds.amazonaws.com:5432/streams", c.jdbcUrl());
        assertEquals(Credentials.of("dbadmin", "YourSecurePassword123!"), c.credentials());
        assertEquals(5, c.pool().maxSize(), "secret default connection_limit");
        assertEquals(Duration.ofSeconds(20), c.pool().acquireTimeout(), "secret default pool_timeout");
        assertEquals(Map.of("connectTimeout", "5", "loginTimeout", "5"), c.driverProperties());
    }

    @Test
    void portAsNumberEngineVariantsAndExtraKeys() {
        DatabaseSecret s = DatabaseSecret.parse("{\"host\":\"::1\",\"port\":6543,\"username\":\"u\",\"password\":\"p\","
                + "\"dbname\":\"my db\",\"engine\":\"PostgreSQL\",\"dbInstanceIdentifier\":\"x\",\"nested\":{\"a\":[1]}}");
        assertEquals(6543, s.port());
        assertEquals("postgresql", s.engine());
        assertEquals("jdbc:postgresql://[::1]:6543/my%20db", s.toConfig(NONE).jdbcUrl());
        DatabaseSecret noPortNoEngine = DatabaseSecret.parse("{\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"dbname\":\"d\"}");
        assertEquals(5432, noPortNoEngine.port());
        assertEquals("postgres", noPortNoEngine.engine());
        assertEquals(5432, DatabaseSecret.parse("{\"host\":\"h\",\"port\":5.432e3,\"username\":\"u\",\"password\":\"p\",\"dbname\":\"d\"}").port());
    }

    @Test
    void parametersOverrideVariablesWhichOverrideDefaults() {
        DatabaseSecret s = DatabaseSecret.parse("{\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"dbname\":\"d\","
                + "\"schema\":\"Sales\",\"connection_limit\":8,\"pgbouncer\":false,\"sslmode\":\"\"}");
        assertEquals(Map.of("schema", "Sales", "connection_limit", "8", "pgbouncer", "false"), s.parameters());
        Environment env = Environment.of(Map.of("DATABASE_CONNECTION_LIMIT", "3", "DATABASE_POOL_TIMEOUT", "7",
                "DATABASE_SSLMODE", "require"));
        DatabaseConfig c = s.toConfig(env);
        assertEquals(8, c.pool().maxSize());
        assertEquals(Duration.ofSeconds(7), c.pool().acquireTimeout());
        assertEquals("require", c.driverProperties().get("sslmode"));
        assertEquals("\"Sales\"", c.driverProperties().get("currentSchema"));
        assertEquals(PoolSettings.defaults().maxSize(),
                DatabaseSecret.parse(SEED).toConfig(NONE, PoolSettings.defaults()).pool().maxSize());
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("{\"port\":5432,\"username\":\"u\",\"password\":\"hunter2\",\"engine\":\"postgres\"}",
                        "Secret is missing required fields: host, dbname"),
                Arguments.of("{}", "Secret is missing required fields: host, username, password, dbname"),
                Arguments.of("{\"host\":\" \",\"username\":null,\"password\":\"\",\"dbname\":\"d\"}",
                        "Secret is missing required fields: host, username, password"));
    }

    @ParameterizedTest
    @MethodSource("missing")
    void namesEveryMissingField(String json, String message) {
        assertEquals(message, assertThrows(DatabaseConfigException.class, () -> DatabaseSecret.parse(json)).getMessage());
    }

    static Stream<Arguments> invalid() {
        String rest = "\"username\":\"u\",\"password\":\"hunter2\",\"dbname\":\"d\"";
        return Stream.of(
                Arguments.of("{\"host\":\"h\",\"engine\":\"mysql\"," + rest + "}", "unsupported engine"),
                Arguments.of("{\"host\":\"h\",\"port\":\"54x\"," + rest + "}", "port"),
                Arguments.of("{\"host\":\"h\",\"port\":70000," + rest + "}", "port"),
                Arguments.of("{\"host\":\"h\",\"port\":54.5," + rest + "}", "port"),
                Arguments.of("{\"host\":\"h\",\"port\":true," + rest + "}", "port"),
                Arguments.of("{\"host\":5," + rest + "}", "'host' must be a JSON string"),
                Arguments.of("{\"host\":\"h\",\"password\":123,\"username\":\"u\",\"dbname\":\"d\"}", "'password'"),
                Arguments.of("{\"host\":\"/var/run/pg\"," + rest + "}", "socketFactory"),
                Arguments.of("{\"host\":\"a b\"," + rest + "}", "host"),
                Arguments.of("{\"host\":\"h\",\"schema\":[\"hunter2\"]," + rest + "}", "'schema'"),
                Arguments.of("[\"hunter2\"]", "not a valid JSON object"),
                Arguments.of("{\"host\":\"h\"," + rest, "not a valid JSON object"),
                Arguments.of("{\"host\":\"h\"," + rest + "} trailing hunter2", "offset"),
                Arguments.of("", "not a valid JSON object"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidDocumentsNeverQuoteValues(String json, String expected) {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> DatabaseSecret.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void invalidParametersFailInToConfigNamingTheField() {
        DatabaseSecret s = DatabaseSecret.parse("{\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"dbname\":\"d\","
                + "\"connection_limit\":\"many\"}");
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> s.toConfig(NONE));
        assertTrue(e.getMessage().startsWith("secret field 'connection_limit' must be"), e.getMessage());
    }

    @Test
    void theConstructorChecksLikeParse() {
        assertThrows(DatabaseConfigException.class, () -> new DatabaseSecret("h", 5432, "u", "p", "d", null, Map.of("bogus", "1")));
        assertThrows(DatabaseConfigException.class, () -> new DatabaseSecret("h", 0, "u", "p", "d", null, null));
        assertEquals(Map.of(), new DatabaseSecret("h", 1, "u", "p", "d", null, null).parameters());
    }

    @Test
    void toStringMasksThePassword() {
        DatabaseSecret s = DatabaseSecret.parse("{\"host\":\"h\",\"username\":\"u\",\"password\":\"hunter2\",\"dbname\":\"d\","
                + "\"sslpassword\":\"key-pass\",\"schema\":\"s\"}");
        assertEquals("DatabaseSecret[host=h, port=5432, username=u, password=****, dbname=d, engine=postgres,"
                + " parameters={schema=s, sslpassword=****}]", s.toString());
    }
}
