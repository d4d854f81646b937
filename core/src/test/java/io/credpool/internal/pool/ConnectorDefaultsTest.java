package io.credpool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.PoolSettings;
import io.credpool.spi.CredentialSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What the pool asks PostgreSQL's driver for when the user set nothing: TCP keep-alive, and a
 * connect, a login and a query-cancel request each bounded by {@code connect_timeout}; what the
 * user did set wins.
 */
class ConnectorDefaultsTest {

    /** Keeps the properties of the last connect and refuses it: only the properties matter here. */
    static final class RecordingDriver implements Driver {
        volatile Properties last;

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            last = info;
            throw new SQLException("recorded", "08001");
        }

        @Override public boolean acceptsURL(String url) { return true; }
        @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return new DriverPropertyInfo[0]; }
        @Override public int getMajorVersion() { return 1; }
        @Override public int getMinorVersion() { return 0; }
        @Override public boolean jdbcCompliant() { return false; }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
    }

    private static Properties connect(String url, Map<String, String> properties, Duration connectTimeout) {
        RecordingDriver driver = new RecordingDriver();
        PoolSettings settings = PoolSettings.defaults().withConnectTimeout(connectTimeout);
        CredentialSource source = new CredentialSource() {
            @Override
            public DatabaseConfig config() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Credentials credentials() {
                return Credentials.of("app", "pw");
            }
        };
        PoolSetup setup = new PoolSetup(url, "db:5432/app", driver, properties, settings, source, "test", false,
                "db:5432/app", null);
        try {
            new Connector(setup, null, null).open();
        } catch (SQLException expected) {
            // the recording driver refuses every connect
        }
        return driver.last;
    }

    @Test
    void postgresConnectionsGetKeepAliveAndEveryWaitBoundedByConnectTimeout() {
        Properties p = connect("jdbc:postgresql://db:5432/app", Map.of(), Duration.ofMillis(2500));
        assertEquals("true", p.getProperty("tcpKeepAlive"));
        assertEquals("3", p.getProperty("connectTimeout"));
        assertEquals("3", p.getProperty("loginTimeout"));
        assertEquals("3", p.getProperty("cancelSignalTimeout"));
    }

    @Test
    void whatTheUserSetWins() {
        Properties p = connect("jdbc:postgresql://db:5432/app",
                Map.of("tcpKeepAlive", "false", "cancelSignalTimeout", "1", "connectTimeout", "7"), Duration.ofSeconds(5));
        assertEquals("false", p.getProperty("tcpKeepAlive"));
        assertEquals("1", p.getProperty("cancelSignalTimeout"));
        assertEquals("7", p.getProperty("connectTimeout"));
    }

    @Test
    void noConnectTimeoutMeansNoTimeoutsButKeepAliveStays() {
        Properties p = connect("jdbc:postgresql://db:5432/app", Map.of(), Duration.ZERO);
        assertEquals("true", p.getProperty("tcpKeepAlive"));
        assertFalse(p.containsKey("cancelSignalTimeout"));
        assertFalse(p.containsKey("connectTimeout"));
    }

    @Test
    void otherDriversGetNothingTheyDidNotAskFor() {
        Properties p = connect("jdbc:stub://db/app", Map.of(), Duration.ofSeconds(5));
        assertFalse(p.containsKey("tcpKeepAlive"));
        assertFalse(p.containsKey("connectTimeout"));
    }
}
