package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;

import io.credpool.internal.pool.ClosedConnection.LeaseClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection a borrower holds: one small object per borrow around the slot's physical
 * connection.
 *
 * <p>The lease is the {@link #delegate} field: the physical connection while the borrow lasts,
 * {@link ClosedConnection#INSTANCE} once it has ended. The one {@link #close()} or
 * {@link #abort(Executor)} whose compare-and-set makes that swap returns the slot to the pool, so
 * any number of concurrent calls return it exactly once, and plain delegation fails with
 * "connection is closed" afterwards without a check of its own. Statements, result sets and
 * metadata made from this connection check the lease ({@link #checkOpen()}) before every call on
 * the driver, so a stale handle can never reach a connection lent to someone else.
 *
 * <p>Setters of session state are tracked in the slot's {@link Session} so that returning the
 * connection undoes exactly what the borrower changed. Every SQLException from the driver passes
 * through {@link #fail(SQLException)}, which evicts the connection when the SQLState says it is
 * broken.
 */
final class ConnectionProxy implements Connection {

    private static final Connection CLOSED = ClosedConnection.INSTANCE;
    private static final VarHandle DELEGATE;

    static {
        try {
            DELEGATE = MethodHandles.lookup().findVarHandle(ConnectionProxy.class, "delegate", Connection.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Pool pool;
    private final Slot slot;
    /** The physical connection of this lease; still known after close, to tell its failures apart. */
    private final Connection raw;
    private final Session session;
    /** {@link #raw} while the lease lasts, then {@link #CLOSED}; only {@link #endLease()} changes it. */
    private volatile Connection delegate;

    ConnectionProxy(Pool pool, Slot slot) {
        this.pool = pool;
        this.slot = slot;
        this.raw = slot.raw;
        this.session = slot.session;
        // A plain store: a volatile one would cost a fence on every borrow, and the proxy reaches
        // another thread only through whatever the borrower uses to hand it over, which publishes it.
        DELEGATE.set(this, raw);
    }

    // ---- the lease ------------------------------------------------------------------------

    /** Ends the lease: true for exactly one caller, who must then return the slot. */
    private boolean endLease() {
        return DELEGATE.compareAndSet(this, raw, CLOSED);
    }

    /** Throws "connection is closed" once the lease has ended; handles call it before touching the driver. */
    void checkOpen() throws SQLException {
        open();
    }

    /** Whether the lease has ended, for the few methods JDBC lets one call on closed objects. */
    boolean leaseEnded() {
        return delegate == CLOSED;
    }

    /** The physical connection while the lease lasts, for methods that note something in the session first. */
    private Connection open() throws SQLException {
        Connection c = delegate;
        if (c == CLOSED) {
            throw ClosedConnection.closed();
        }
        return c;
    }

    /**
     * Notes a failure raised by the physical connection; returns {@code e} for the caller to throw.
     * A fatal SQLState concerns that physical connection whoever holds it now, so it is evicted even
     * when this lease ended meanwhile, unless the slot has moved on to another connection.
     */
    SQLException fail(SQLException e) {
        if (!(e instanceof LeaseClosedException) && slot.raw == raw) {
            if (SqlStates.isFatal(e)) {
                pool.fatal(slot);
            } else if ((slot.session.dirty & Session.READ_ONLY) == 0 && SqlStates.isReadOnlyTransaction(e)) {
                pool.readOnlyServer(slot);
            }
        }
        return e;
    }

    /** Returns the connection to the pool; later calls do nothing. */
    @Override
    public void close() {
        if (endLease()) {
            pool.release(slot);
        }
    }

    /**
     * Aborts the physical connection and returns the lease; the pool discards the connection.
     * Does nothing when the lease has already ended.
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "22023");
        }
        if (!endLease()) {
            return;
        }
        slot.evict = Evictions.ABORTED;
        try {
            raw.abort(executor);
        } finally {
            // Whatever abort threw, the slot must not stay lent; it is evicted, so no reset runs.
            pool.release(slot);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        Connection c = delegate;
        if (c == CLOSED) {
            return true;
        }
        try {
            return c.isClosed();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        Connection c = delegate;
        if (c == CLOSED) {
            return false;
        }
        try {
            return c.isValid(timeout);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    // ---- statements and metadata ----------------------------------------------------------

    void logSql(String sql) {
        if (pool.logStatements) {
            Pool.LOG.log(DEBUG, () -> "SQL: " + sql);
        }
    }

    private <S extends StatementProxy> S track(S statement) {
        session.opened(statement);
        return statement;
    }

    /** The borrower closed {@code statement} while the lease lasts: it no longer needs closing on return. */
    void forget(StatementProxy statement) {
        session.closed(statement);
    }

    private Statement statement(Statement s) {
        return track(new StatementProxy(this, s));
    }

    private PreparedStatement prepared(String sql, PreparedStatement ps) {
        logSql(sql);
        return track(new PreparedStatementProxy(this, ps));
    }

    private CallableStatement callable(String sql, CallableStatement cs) {
        logSql(sql);
        return track(new CallableStatementProxy(this, cs));
    }

    @Override public Statement createStatement() throws SQLException { try { return statement(delegate.createStatement()); } catch (SQLException e) { throw fail(e); } }
    @Override public Statement createStatement(int type, int concurrency) throws SQLException { try { return statement(delegate.createStatement(type, concurrency)); } catch (SQLException e) { throw fail(e); } }
    @Override public Statement createStatement(int type, int concurrency, int holdability) throws SQLException { try { return statement(delegate.createStatement(type, concurrency, holdability)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql) throws SQLException { try { return prepared(sql, delegate.prepareStatement(sql)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException { try { return prepared(sql, delegate.prepareStatement(sql, type, concurrency)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException { try { return prepared(sql, delegate.prepareStatement(sql, type, concurrency, holdability)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException { try { return prepared(sql, delegate.prepareStatement(sql, autoGeneratedKeys)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException { try { return prepared(sql, delegate.prepareStatement(sql, columnIndexes)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException { try { return prepared(sql, delegate.prepareStatement(sql, columnNames)); } catch (SQLException e) { throw fail(e); } }
    @Override public CallableStatement prepareCall(String sql) throws SQLException { try { return callable(sql, delegate.prepareCall(sql)); } catch (SQLException e) { throw fail(e); } }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException { try { return callable(sql, delegate.prepareCall(sql, type, concurrency)); } catch (SQLException e) { throw fail(e); } }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException { try { return callable(sql, delegate.prepareCall(sql, type, concurrency, holdability)); } catch (SQLException e) { throw fail(e); } }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        try {
            // Metadata methods run queries, which open a transaction when auto-commit is off.
            DatabaseMetaData metaData = touching().getMetaData();
            return new MetaDataProxy(this, metaData);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    // ---- tracked session state ------------------------------------------------------------

    /** The physical connection, after noting that the borrower is about to change {@code field}. */
    private Connection changing(int field) throws SQLException {
        Connection c = open();
        session.changing(field, c);
        return c;
    }

    /** The physical connection, after noting that the call may open a transaction or leave warnings. */
    private Connection touching() throws SQLException {
        Connection c = open();
        session.touched = true;
        return c;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        try {
            open().setAutoCommit(autoCommit);
            session.autoCommit = autoCommit;
            session.dirty |= Session.AUTO_COMMIT;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override public void setReadOnly(boolean readOnly) throws SQLException { try { changing(Session.READ_ONLY).setReadOnly(readOnly); } catch (SQLException e) { throw fail(e); } }
    @Override public void setCatalog(String catalog) throws SQLException { try { changing(Session.CATALOG).setCatalog(catalog); } catch (SQLException e) { throw fail(e); } }
    @Override public void setTransactionIsolation(int level) throws SQLException { try { changing(Session.ISOLATION).setTransactionIsolation(level); } catch (SQLException e) { throw fail(e); } }
    @Override public void setTypeMap(Map<String, Class<?>> map) throws SQLException { try { changing(Session.TYPE_MAP).setTypeMap(map); } catch (SQLException e) { throw fail(e); } }
    @Override public void setHoldability(int holdability) throws SQLException { try { changing(Session.HOLDABILITY).setHoldability(holdability); } catch (SQLException e) { throw fail(e); } }
    @Override public void setSchema(String schema) throws SQLException { try { changing(Session.SCHEMA).setSchema(schema); } catch (SQLException e) { throw fail(e); } }
    @Override public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException { try { changing(Session.NETWORK_TIMEOUT).setNetworkTimeout(executor, milliseconds); } catch (SQLException e) { throw fail(e); } }

    // Getters that may run a query (and so open a transaction when auto-commit is off).
    @Override public String getSchema() throws SQLException { try { return touching().getSchema(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getCatalog() throws SQLException { try { return touching().getCatalog(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getTransactionIsolation() throws SQLException { try { return touching().getTransactionIsolation(); } catch (SQLException e) { throw fail(e); } }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        try {
            Connection c = open();
            session.changingClientInfo(name, c);
            c.setClientInfo(name, value);
        } catch (SQLException e) {
            throw clientInfoFailure(fail(e));
        }
    }

    /** Per JDBC, replaces all client info: properties not in {@code properties} are cleared. */
    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        try {
            Connection c = open();
            session.replacingClientInfo(properties, c);
            c.setClientInfo(properties);
        } catch (SQLException e) {
            throw clientInfoFailure(fail(e));
        }
    }

    /** {@code setClientInfo} may only throw SQLClientInfoException: the others become its cause. */
    private static SQLClientInfoException clientInfoFailure(SQLException e) {
        if (e instanceof SQLClientInfoException) {
            return (SQLClientInfoException) e;
        }
        return new SQLClientInfoException(e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
    }

    // ---- wrapper --------------------------------------------------------------------------

    /** This proxy, or the driver's connection or what it wraps; the return path then cleans up after the caller. */
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { try { return iface.isInstance(this) ? iface.cast(this) : Wrappers.unwrap(touching(), iface); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { try { return iface.isInstance(this) || Wrappers.isWrapperFor(open(), iface); } catch (SQLException e) { throw fail(e); } }

    @Override
    public String toString() {
        return "ConnectionProxy[" + pool.target + (leaseEnded() ? ", closed]" : "]");
    }

    // ---- plain delegation -----------------------------------------------------------------

    @Override public String nativeSQL(String sql) throws SQLException { try { return delegate.nativeSQL(sql); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean getAutoCommit() throws SQLException { try { return delegate.getAutoCommit(); } catch (SQLException e) { throw fail(e); } }
    @Override public void commit() throws SQLException { try { delegate.commit(); } catch (SQLException e) { throw fail(e); } }
    @Override public void rollback() throws SQLException { try { delegate.rollback(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isReadOnly() throws SQLException { try { return delegate.isReadOnly(); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLWarning getWarnings() throws SQLException { try { return delegate.getWarnings(); } catch (SQLException e) { throw fail(e); } }
    @Override public void clearWarnings() throws SQLException { try { delegate.clearWarnings(); } catch (SQLException e) { throw fail(e); } }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { try { return delegate.getTypeMap(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getHoldability() throws SQLException { try { return delegate.getHoldability(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getNetworkTimeout() throws SQLException { try { return delegate.getNetworkTimeout(); } catch (SQLException e) { throw fail(e); } }
    @Override public Savepoint setSavepoint() throws SQLException { try { return delegate.setSavepoint(); } catch (SQLException e) { throw fail(e); } }
    @Override public Savepoint setSavepoint(String name) throws SQLException { try { return delegate.setSavepoint(name); } catch (SQLException e) { throw fail(e); } }
    @Override public void rollback(Savepoint savepoint) throws SQLException { try { delegate.rollback(savepoint); } catch (SQLException e) { throw fail(e); } }
    @Override public void releaseSavepoint(Savepoint savepoint) throws SQLException { try { delegate.releaseSavepoint(savepoint); } catch (SQLException e) { throw fail(e); } }
    @Override public Clob createClob() throws SQLException { try { return delegate.createClob(); } catch (SQLException e) { throw fail(e); } }
    @Override public Blob createBlob() throws SQLException { try { return delegate.createBlob(); } catch (SQLException e) { throw fail(e); } }
    @Override public NClob createNClob() throws SQLException { try { return delegate.createNClob(); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLXML createSQLXML() throws SQLException { try { return delegate.createSQLXML(); } catch (SQLException e) { throw fail(e); } }
    @Override public Array createArrayOf(String typeName, Object[] elements) throws SQLException { try { return delegate.createArrayOf(typeName, elements); } catch (SQLException e) { throw fail(e); } }
    @Override public Struct createStruct(String typeName, Object[] attributes) throws SQLException { try { return delegate.createStruct(typeName, attributes); } catch (SQLException e) { throw fail(e); } }
    @Override public String getClientInfo(String name) throws SQLException { try { return delegate.getClientInfo(name); } catch (SQLException e) { throw fail(e); } }
    @Override public Properties getClientInfo() throws SQLException { try { return delegate.getClientInfo(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean setShardingKeyIfValid(ShardingKey key, ShardingKey superKey, int timeout) throws SQLException { try { return delegate.setShardingKeyIfValid(key, superKey, timeout); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean setShardingKeyIfValid(ShardingKey key, int timeout) throws SQLException { try { return delegate.setShardingKeyIfValid(key, timeout); } catch (SQLException e) { throw fail(e); } }
    @Override public void setShardingKey(ShardingKey key, ShardingKey superKey) throws SQLException { try { delegate.setShardingKey(key, superKey); } catch (SQLException e) { throw fail(e); } }
    @Override public void setShardingKey(ShardingKey key) throws SQLException { try { delegate.setShardingKey(key); } catch (SQLException e) { throw fail(e); } }
}
