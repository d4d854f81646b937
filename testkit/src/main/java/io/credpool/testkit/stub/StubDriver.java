package io.credpool.testkit.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * An in-memory JDBC driver for tests and benchmarks: no network, no SQL parsing, and as cheap as
 * a driver can be.
 *
 * <p>It accepts {@code jdbc:stub:<name>} and {@code jdbc:stub://<name>} URLs (anything after
 * {@code ?} is ignored), so {@code jdbc:stub://db.example:5432/streams} is the database named
 * {@code db.example:5432/streams}. Each name has one {@link StubBehaviour}, made on first use,
 * that tests tune and inspect:
 *
 * <pre>{@code
 * StubBehaviour db = StubDriver.behaviour("orders");
 * db.failConnects(2, "08001");              // the next two connects are refused
 * db.requirePassword("s3cret");             // others get 28P01
 * db.faults(StubFault.failOnce("Connection.close", () -> new SQLException("reset", "08006")));
 * db.onCall((call, connection, thread) -> seen.add(call));
 * ... jdbc:stub:orders ...
 * assertEquals(1, db.openConnections());
 * }</pre>
 *
 * <p>The driver registers itself with {@link DriverManager} when the class is loaded, and is
 * listed in {@code META-INF/services/java.sql.Driver}.
 */
public final class StubDriver implements Driver {

    /** The URL prefix this driver accepts. */
    public static final String PREFIX = "jdbc:stub:";

    private static final StubDriver INSTANCE = new StubDriver();
    private static final ConcurrentMap<String, StubBehaviour> BEHAVIOURS = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Public for {@link java.util.ServiceLoader}; all instances share one registry. */
    public StubDriver() {
    }

    /** Makes sure the driver is registered with {@link DriverManager}; returns it. */
    public static StubDriver register() {
        return INSTANCE;
    }

    /** The behaviour of the database called {@code name}, made with defaults on first use. */
    public static StubBehaviour behaviour(String name) {
        return BEHAVIOURS.computeIfAbsent(name, StubBehaviour::new);
    }

    /** A URL for the database called {@code name}: {@code jdbc:stub:<name>}. */
    public static String url(String name) {
        return PREFIX + name;
    }

    /** Forgets every behaviour; connections already open keep working. */
    public static void resetAll() {
        BEHAVIOURS.clear();
    }

    /** The database name in {@code url}, or {@code null} when the URL is not a stub URL. */
    static String nameOf(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return null;
        }
        String name = url.substring(PREFIX.length());
        if (name.startsWith("//")) {
            name = name.substring(2);
        }
        int query = name.indexOf('?');
        return query >= 0 ? name.substring(0, query) : name;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        String name = nameOf(url);
        return name == null ? null : behaviour(name).connect(info == null ? new Properties() : info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return nameOf(url) != null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the stub driver does not log");
    }
}
