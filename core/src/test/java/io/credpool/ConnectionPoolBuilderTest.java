package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the builder accepts, resolves and refuses. */
class ConnectionPoolBuilderTest {

    @Test
    void toStringNeverShowsThePassword() {
        ConnectionPool.Builder b = ConnectionPool.builder()
                .jdbcUrl("jdbc:postgresql://db.example:5432/streams?password=" + PASSWORD)
                .username("app").password(PASSWORD).maxSize(7).driverProperty("sslpassword", PASSWORD);
        String shown = b.toString();
        assertFalse(shown.contains(PASSWORD), shown);
        assertTrue(shown.contains("username=app"), shown);
        assertTrue(shown.contains("password=****"), shown);
        assertTrue(shown.contains("maxSize=7"), shown);
    }

    @Test
    void aTargetIsRequired() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> ConnectionPool.builder().build());
        assertTrue(e.getMessage().contains("jdbcUrl(...)"), e.getMessage());
    }

    @Test
    void credentialsNeverTravelAsDriverProperties() {
        assertThrows(DatabaseConfigException.class, () -> ConnectionPool.builder().driverProperty("password", "x"));
        assertThrows(DatabaseConfigException.class, () -> ConnectionPool.builder().driverProperty("user", "x"));
    }

    @Test
    void aUrlNoDriverAcceptsFailsWithAHint() {
        SQLException e = sqlFailure(() -> ConnectionPool.builder().jdbcUrl("jdbc:nosuchdb://h:1/d").build());
        assertTrue(e.getMessage().startsWith("No JDBC driver accepts jdbc:nosuchdb: URLs (target h:1/d)"),
                e.getMessage());
    }

    @Test
    void singleSettingsWinOverASettingsRecordWhateverTheOrder() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = ConnectionPool.builder().jdbcUrl("jdbc:stub://" + db).maxSize(2)
                .settings(PoolSettings.defaults().withMaxSize(9).withAcquireTimeout(Duration.ofMillis(100))
                        .withRetry(StubPools.FAST))
                .build();
             Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            SQLException e = sqlFailure(pool::getConnection);
            assertTrue(e.getMessage().startsWith("Timed out after 100 ms"), e.getMessage());
            assertEquals(2, pool.stats().total());
        }
    }

    @Test
    void aDatabaseConfigSuppliesTargetCredentialsPropertiesAndSettings() throws Exception {
        String db = newDatabase();
        DatabaseConfig config = new DatabaseConfig("jdbc:stub://" + db, Credentials.of("svc", PASSWORD),
                Map.of("ApplicationName", "orders"), PoolSettings.defaults().withMaxSize(1).withRetry(StubPools.FAST)
                .withAcquireTimeout(Duration.ofMillis(50)));
        try (ConnectionPool pool = ConnectionPool.builder().config(config).build(); Connection c = pool.getConnection()) {
            assertEquals("svc", StubPools.behaviour(db).lastUser());
            assertEquals(PASSWORD, StubPools.behaviour(db).lastPassword());
            sqlFailure(pool::getConnection);
        }
    }

    @Test
    void aCredentialSourceIsClosedWhenTheBuildFails() {
        String db = newDatabase();
        StubPools.behaviour(db).down("08001");
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        sqlFailure(() -> ConnectionPool.builder().credentials(source).build());
        assertEquals(1, source.closes.get());
        TestCredentialSource other = new TestCredentialSource(db, PASSWORD);
        assertThrows(DatabaseConfigException.class,
                () -> ConnectionPool.builder().credentials(other).password("x").build());
        assertEquals(1, other.closes.get());
    }

    @Test
    void behavesAsADataSource() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            DataSource ds = pool;
            assertInstanceOf(SQLFeatureNotSupportedException.class, sqlFailure(() -> ds.getConnection("u", "p")));
            assertSame(pool, ds.unwrap(ConnectionPool.class));
            assertTrue(ds.isWrapperFor(AutoCloseable.class));
            assertFalse(ds.isWrapperFor(Connection.class));
            sqlFailure(() -> ds.unwrap(Connection.class));
            ds.setLoginTimeout(7);
            assertEquals(7, ds.getLoginTimeout());
            ds.setLogWriter(null);
            assertEquals("io.credpool", ds.getParentLogger().getName());
        }
    }
}
