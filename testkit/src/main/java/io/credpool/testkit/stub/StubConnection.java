package io.credpool.testkit.stub;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * A stub connection: it keeps the session state a real driver keeps (auto-commit, isolation,
 * read-only, catalog, schema, holdability, network timeout, type map, warnings, an open
 * transaction) so tests can see what a pool left behind, and counts what would have been a round
 * trip to the server.
 *
 * <p>Defaults: auto-commit on, {@code READ_COMMITTED}, read-write, catalog = the database name,
 * schema {@code public}, {@code HOLD_CURSORS_OVER_COMMIT}, network timeout 0, empty type map.
 *
 * <p>Every {@code java.sql.Connection} method, {@code close}, {@code isValid} and {@code abort}
 * included, first runs the behaviour's {@link StubBehaviour#onCall listener} and
 * {@link StubBehaviour#faults fault} as {@code Connection.<method>}; so do the statements, result
 * sets and {@link #getMetaData() metadata} it makes. The test-inspection methods below do not.
 */
public final class StubConnection implements Connection {

    /** The isolation level a new connection starts with. */
    public static final int DEFAULT_ISOLATION = TRANSACTION_READ_COMMITTED;
    /** The schema a new connection starts with. */
    public static final String DEFAULT_SCHEMA = "public";

    private final StubBehaviour behaviour;
    private final String user;
    private final Queue<String> calls;
    private volatile boolean closed;
    private volatile String brokenState;

    private boolean autoCommit = true;
    private int isolation = DEFAULT_ISOLATION;
    private boolean readOnly;
    private String catalog;
    private String schema = DEFAULT_SCHEMA;
    private int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
    private int networkTimeout;
    private Map<String, Class<?>> typeMap = Collections.emptyMap();
    /** Client info, kept like the session state above; none at first. */
    private final Properties clientInfo = new Properties();
    private SQLWarning warnings;
    private int uncommitted;
    private int committed;
    private int rollbacks;
    private int roundTrips;

    StubConnection(StubBehaviour behaviour, String user) {
        this.behaviour = behaviour;
        this.user = user;
        this.catalog = behaviour.name();
        this.calls = behaviour.recordCalls ? new ConcurrentLinkedQueue<>() : null;
    }

    // ---- test inspection ------------------------------------------------------------------

    /** The user this connection logged in as. */
    public String user() {
        return user;
    }

    /** Names of the methods called so far, when {@link StubBehaviour#recordCalls(boolean)} was on at connect. */
    public List<String> calls() {
        return calls == null ? List.of() : List.copyOf(calls);
    }

    /** Calls that a network driver would have sent to the server. */
    public int roundTrips() {
        return roundTrips;
    }

    /** Statements executed inside the open transaction and neither committed nor rolled back. */
    public int uncommitted() {
        return uncommitted;
    }

    /** Statements made permanent, by auto-commit or {@code commit()}. */
    public int committed() {
        return committed;
    }

    /** Calls of {@code rollback()}. */
    public int rollbacks() {
        return rollbacks;
    }

    /** Adds a warning, as a server notice would. */
    public void addWarning(String message) {
        SQLWarning w = new SQLWarning(message);
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    /** From now on every call fails with {@code sqlState}, as after a server restart. */
    public void breakWith(String sqlState) {
        brokenState = sqlState;
    }

    /** The behaviour of this connection's database. */
    public StubBehaviour behaviour() {
        return behaviour;
    }

    // ---- internals ------------------------------------------------------------------------

    void check() throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("This connection has been closed.", "08003");
        }
        String broken = brokenState;
        if (broken != null) {
            throw new SQLNonTransientConnectionException("An I/O error occurred while sending to the backend (stub)",
                    broken);
        }
    }

    /** The start of most methods: hooks, call recording, then the closed or broken check. */
    private void call(String name, boolean roundTrip) throws SQLException {
        enter(name);
        if (calls != null) {
            calls.add(name);
        }
        check();
        if (roundTrip) {
            roundTrips++;
        }
    }

    /** One statement ran: inside a transaction it stays uncommitted, else it commits. */
    void executed() throws SQLException {
        roundTrips++;
        behaviour.execute();
        if (autoCommit) {
            committed++;
        } else {
            uncommitted++;
        }
    }

    void recordCall(String name) {
        if (calls != null) {
            calls.add(name);
        }
    }

    /** Runs the behaviour's hooks for {@code Connection.<method>}: first thing in every method. */
    private void enter(String method) {
        behaviour.enter("Connection", method, this);
    }

    /** The exception for a method the stub does not implement, after the hooks have run for it. */
    private SQLException unsupported(String method) {
        enter(method);
        return new SQLFeatureNotSupportedException("stub driver: " + method + " is not supported");
    }

    // ---- java.sql.Connection --------------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        call("createStatement", false);
        return new StubStatement(this);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        call("prepareStatement", false);
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw unsupported("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        throw unsupported("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        throw unsupported("prepareCall");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        call("nativeSQL", false);
        return sql;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        call("setAutoCommit", true);
        if (autoCommit && !this.autoCommit) {
            committed += uncommitted;
            uncommitted = 0;
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        call("getAutoCommit", false);
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        call("commit", true);
        committed += uncommitted;
        uncommitted = 0;
    }

    @Override
    public void rollback() throws SQLException {
        call("rollback", true);
        uncommitted = 0;
        rollbacks++;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        call("rollback", true);
        rollbacks++;
    }

    @Override
    public void close() {
        enter("close");
        recordCall("close");
        closed = true;
        behaviour.closed(this);
    }

    @Override
    public boolean isClosed() {
        enter("isClosed");
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        call("getMetaData", false);
        return new StubDatabaseMetaData(this);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        call("setReadOnly", true);
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        call("isReadOnly", false);
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        call("setCatalog", true);
        this.catalog = catalog;
    }

    @Override
    public String getCatalog() throws SQLException {
        call("getCatalog", false);
        return catalog;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        call("setTransactionIsolation", true);
        isolation = level;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        call("getTransactionIsolation", true);
        return isolation;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        call("getWarnings", false);
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        call("clearWarnings", false);
        warnings = null;
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        call("getTypeMap", false);
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        call("setTypeMap", false);
        typeMap = map;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        call("setHoldability", false);
        this.holdability = holdability;
    }

    @Override
    public int getHoldability() throws SQLException {
        call("getHoldability", false);
        return holdability;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw unsupported("setSavepoint");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw unsupported("setSavepoint");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw unsupported("releaseSavepoint");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw unsupported("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw unsupported("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw unsupported("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw unsupported("createSQLXML");
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        enter("isValid");
        recordCall("isValid");
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        if (closed || brokenState != null) {
            return false;
        }
        roundTrips++;
        return behaviour.isValid();
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        enter("setClientInfo");
        recordCall("setClientInfo");
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    /** Replaces all client info, as JDBC says: names not in {@code properties} are cleared. */
    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        enter("setClientInfo");
        recordCall("setClientInfo");
        clientInfo.clear();
        clientInfo.putAll(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        call("getClientInfo", false);
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        call("getClientInfo", false);
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw unsupported("createArrayOf");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw unsupported("createStruct");
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        call("setSchema", true);
        this.schema = schema;
    }

    @Override
    public String getSchema() throws SQLException {
        call("getSchema", true);
        return schema;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        enter("abort");
        recordCall("abort");
        if (executor == null) {
            throw new SQLException("executor must not be null", "22023");
        }
        closed = true;
        behaviour.closed(this);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        call("setNetworkTimeout", false);
        networkTimeout = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        call("getNetworkTimeout", false);
        return networkTimeout;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        enter("unwrap");
        return Hooks.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        enter("isWrapperFor");
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "StubConnection[" + behaviour.name() + ", user=" + user + (closed ? ", closed" : "") + "]";
    }
}
