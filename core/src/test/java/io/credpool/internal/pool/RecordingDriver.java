package io.credpool.internal.pool;

import io.credpool.testkit.stub.StubConnection;
import io.credpool.testkit.stub.StubDriver;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * A test driver for {@code jdbc:recording://<name>}: connections of the stub database
 * {@code <name>} (see {@link StubDriver}) seen through dynamic proxies, which
 *
 * <ul>
 *   <li>record every call made on the connection or on any statement, result set or metadata
 *       obtained from it, as {@code "Interface.method"} ({@link Recording#calls()});
 *   <li>can make the next call of one method throw anything ({@link Recording#failNext}) or
 *       return anything ({@link Recording#answerNext});
 *   <li>add what the stub lacks: {@code getMetaData()}, whose result-set methods return a stub
 *       query's rows and whose other methods return zero values, and {@code prepareCall}, a stub
 *       prepared statement whose {@code CallableStatement}-only methods return zero values.
 * </ul>
 *
 * <p>Everything the driver hands out leads back to the physical connection the way a real
 * driver's objects do: {@code resultSet.getStatement().getConnection()} is the driver's connection.
 */
public final class RecordingDriver implements Driver {

    private static final String PREFIX = "jdbc:recording:";
    private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class,
            PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class);
    private static final Map<StubConnection, Recording> RECORDINGS = new ConcurrentHashMap<>();
    private static final StubDriver STUB = StubDriver.register();

    static {
        try {
            DriverManager.registerDriver(new RecordingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RecordingDriver() {
    }

    /** The URL of stub database {@code database} seen through this driver; registers the driver. */
    public static String url(String database) {
        return PREFIX + "//" + database;
    }

    /** What happened on {@code physical}, a connection this driver opened. */
    public static Recording of(StubConnection physical) {
        Recording r = RECORDINGS.get(physical);
        if (r == null) {
            throw new IllegalArgumentException(physical + " was not opened by the RecordingDriver");
        }
        return r;
    }

    /** The zero value of {@code type}: {@code null}, {@code false}, or 0 boxed. */
    static Object zero(Class<?> type) {
        return type.isPrimitive() && type != void.class ? Array.get(Array.newInstance(type, 1), 0) : null;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        StubConnection stub = (StubConnection) STUB.connect(StubDriver.PREFIX + url.substring(PREFIX.length()), info);
        Recording r = new Recording(stub);
        RECORDINGS.put(stub, r);
        return r.connection;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    // The rest is what the stub driver says.
    @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return STUB.getPropertyInfo(url, info); }
    @Override public int getMajorVersion() { return STUB.getMajorVersion(); }
    @Override public int getMinorVersion() { return STUB.getMinorVersion(); }
    @Override public boolean jdbcCompliant() { return STUB.jdbcCompliant(); }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return STUB.getParentLogger(); }

    /** What an injected failure throws; it may do something first, such as close the connection. */
    @FunctionalInterface
    public interface Fault {
        Throwable raise() throws Exception;
    }

    /** What the next call of a method does instead of reaching the stub. */
    @FunctionalInterface
    private interface Scripted {
        Object run() throws Throwable;
    }

    /** The calls on one physical connection and everything obtained from it, and what to do instead of some. */
    public static final class Recording {

        private final StubConnection stub;
        private final Connection connection;
        private final Queue<String> calls = new ConcurrentLinkedQueue<>();
        private final Map<String, Scripted> scripts = new ConcurrentHashMap<>();

        Recording(StubConnection stub) {
            this.stub = stub;
            this.connection = wrap(Connection.class, stub);
        }

        /** Every call so far, in order, as {@code "Interface.method"}. */
        public List<String> calls() {
            return List.copyOf(calls);
        }

        /**
         * The next call of {@code call} ({@code "Interface.method"}, e.g. {@code "ResultSet.getInt"})
         * is recorded, then throws what {@code fault} returns (or throws) instead of reaching the stub.
         */
        public void failNext(String call, Fault fault) {
            scripts.put(call, () -> {
                throw fault.raise();
            });
        }

        /** The next call of {@code call} is recorded, then returns {@code value} instead of reaching the stub. */
        public void answerNext(String call, Object value) {
            scripts.put(call, () -> value);
        }

        private <T> T wrap(Class<T> type, Object target) {
            return type.cast(Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(), new Class<?>[] {type},
                    new Recorder(type, target)));
        }

        /** What a call returns, seen through a recorder where it is one of the JDBC objects. */
        private Object seen(Class<?> type, Object result) {
            if (result == null || !WRAPPED.contains(type) || Proxy.isProxyClass(result.getClass())) {
                return result;
            }
            return type == Connection.class ? connection : wrap(type, result);
        }

        /** Answers the calls the stub object cannot, or {@code target} is null for. */
        private Object substitute(String call, Method m, Object[] args) throws SQLException {
            switch (call) {
                case "Connection.getMetaData":
                    return wrap(DatabaseMetaData.class, null);
                case "Connection.prepareCall":
                    return wrap(CallableStatement.class, stub.prepareStatement((String) args[0]));
                case "DatabaseMetaData.getConnection":
                    return connection;
                default:
                    if (m.getReturnType() == ResultSet.class) {
                        return stub.createStatement().executeQuery("-- " + call);
                    }
                    return zero(m.getReturnType());
            }
        }

        private final class Recorder implements InvocationHandler {

            private final Class<?> type;
            private final Object target;

            Recorder(Class<?> type, Object target) {
                this.type = type;
                this.target = target;
            }

            @Override
            public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                if (m.getDeclaringClass() == Object.class) {
                    switch (m.getName()) {
                        case "equals": return proxy == args[0];
                        case "hashCode": return System.identityHashCode(proxy);
                        default: return "Recording" + type.getSimpleName() + "[" + target + "]";
                    }
                }
                String call = type.getSimpleName() + "." + m.getName();
                calls.add(call);
                Scripted script = scripts.remove(call);
                if (script != null) {
                    return script.run();
                }
                if (m.getName().equals("unwrap") && ((Class<?>) args[0]).isInstance(target)) {
                    return target;
                }
                Object result;
                if (target != null && m.getDeclaringClass().isInstance(target)
                        && !call.equals("Connection.getMetaData") && !call.equals("Connection.prepareCall")) {
                    try {
                        result = m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                } else {
                    result = substitute(call, m, args);
                }
                return seen(m.getReturnType(), result);
            }
        }
    }
}
