package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;

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
 * <p>The lease lives in the slot, not here: the proxy keeps the number of the lease it was issued
 * ({@link Slot#lease()}) and is open while the slot's number is still that one. The one
 * {@link #close()} or {@link #abort(Executor)} whose compare-and-set moves the slot's number on
 * ({@link Slot#endLease}) returns the slot to the pool, so any number of concurrent calls return
 * it exactly once. Every method checks the lease before it calls the driver and fails with
 * "connection is closed" once it has ended; statements, result sets and metadata made from this
 * connection do the same ({@link #checkOpen()}), so a stale handle can never reach a connection
 * lent to someone else.
 *
 * <p>All fields are final, and the proxy is the target of no atomic operation: when the borrower's
 * use of it is inlined, the JIT's escape analysis can keep it off the heap (a compare-and-set on a
 * field of the proxy itself would keep it there, 32 bytes per borrow).
 *
 * <p>Setters of session state are tracked in the slot's {@link Session} so that returning the
 * connection undoes exactly what the borrower changed. Every SQLException from the driver passes
 * through {@link #fail(SQLException)}, which evicts the connection when the SQLState says it is
 * broken.
 */
final class ConnectionProxy implements Connection {

    private final Pool pool;
    private final Slot slot;
    /** The physical connection of this lease; still known after close, to tell its failures apart. */
    private final Connection raw;
    /**
     * The number of this proxy's lease; open while {@link Slot#leased} says it still lasts. A long,
     * so a number never comes round again; with the three references the proxy is 32 bytes, where it
     * has to be on the heap at all (a handle that escapes the borrower's compiled code).
     */
    private final long lease;

    /** Made by the slot's owner as it lends the slot: the lease is the slot's current number. */
    ConnectionProxy(Pool pool, Slot slot) {
        this.pool = pool;
        this.slot = slot;
        this.raw = slot.raw;
        this.lease = slot.lease();
    }

    // ---- the lease ------------------------------------------------------------------------

    /** Ends the lease: true for exactly one caller, who must then return the slot. */
    private boolean endLease() {
        return slot.endLease(lease);
    }

    /** Throws "connection is closed" once the lease has ended; handles call it before touching the driver. */
    void checkOpen() throws SQLException {
        open();
    }

    /** Whether the lease has ended, for the few methods JDBC lets one call on closed objects. */
    boolean leaseEnded() {
        return !slot.leased(lease);
    }

    /**
     * The physical connection while the lease lasts, else "connection is closed": the way to the
     * driver for every method but the few that answer otherwise once closed ({@link #leaseEnded}).
     */
    private Connection open() throws SQLException {
        if (!slot.leased(lease)) {
            throw new LeaseClosedException();
        }
        return raw;
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
        if (leaseEnded()) {
            return true;
        }
        try {
            return raw.isClosed();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (leaseEnded()) {
            return false;
        }
        try {
            return raw.isValid(timeout);
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
        slot.session.opened(statement);
        return statement;
    }

    /** The borrower closed {@code statement} while the lease lasts: it no longer needs closing on return. */
    void forget(StatementProxy statement) {
        slot.session.closed(statement);
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

    @Override public Statement createStatement() throws SQLException { try { return statement(open().createStatement()); } catch (SQLException e) { throw fail(e); } }
    @Override public Statement createStatement(int type, int concurrency) throws SQLException { try { return statement(open().createStatement(type, concurrency)); } catch (SQLException e) { throw fail(e); } }
    @Override public Statement createStatement(int type, int concurrency, int holdability) throws SQLException { try { return statement(open().createStatement(type, concurrency, holdability)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql) throws SQLException { try { return prepared(sql, open().prepareStatement(sql)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException { try { return prepared(sql, open().prepareStatement(sql, type, concurrency)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException { try { return prepared(sql, open().prepareStatement(sql, type, concurrency, holdability)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException { try { return prepared(sql, open().prepareStatement(sql, autoGeneratedKeys)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException { try { return prepared(sql, open().prepareStatement(sql, columnIndexes)); } catch (SQLException e) { throw fail(e); } }
    @Override public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException { try { return prepared(sql, open().prepareStatement(sql, columnNames)); } catch (SQLException e) { throw fail(e); } }
    @Override public CallableStatement prepareCall(String sql) throws SQLException { try { return callable(sql, open().prepareCall(sql)); } catch (SQLException e) { throw fail(e); } }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException { try { return callable(sql, open().prepareCall(sql, type, concurrency)); } catch (SQLException e) { throw fail(e); } }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException { try { return callable(sql, open().prepareCall(sql, type, concurrency, holdability)); } catch (SQLException e) { throw fail(e); } }

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
        slot.session.changing(field, c);
        return c;
    }

    /** The physical connection, after noting that the call may open a transaction or leave warnings. */
    private Connection touching() throws SQLException {
        Connection c = open();
        slot.session.touched = true;
        return c;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        try {
            open().setAutoCommit(autoCommit);
            slot.session.autoCommit = autoCommit;
            slot.session.dirty |= Session.AUTO_COMMIT;
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
            slot.session.changingClientInfo(name, c);
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
            slot.session.replacingClientInfo(properties, c);
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

    // ---- plain delegation (after the lease check) ------------------------------------------

    @Override public String nativeSQL(String sql) throws SQLException { try { return open().nativeSQL(sql); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean getAutoCommit() throws SQLException { try { return open().getAutoCommit(); } catch (SQLException e) { throw fail(e); } }
    @Override public void commit() throws SQLException { try { open().commit(); } catch (SQLException e) { throw fail(e); } }
    @Override public void rollback() throws SQLException { try { open().rollback(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isReadOnly() throws SQLException { try { return open().isReadOnly(); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLWarning getWarnings() throws SQLException { try { return open().getWarnings(); } catch (SQLException e) { throw fail(e); } }
    @Override public void clearWarnings() throws SQLException { try { open().clearWarnings(); } catch (SQLException e) { throw fail(e); } }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { try { return open().getTypeMap(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getHoldability() throws SQLException { try { return open().getHoldability(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getNetworkTimeout() throws SQLException { try { return open().getNetworkTimeout(); } catch (SQLException e) { throw fail(e); } }
    @Override public Savepoint setSavepoint() throws SQLException { try { return open().setSavepoint(); } catch (SQLException e) { throw fail(e); } }
    @Override public Savepoint setSavepoint(String name) throws SQLException { try { return open().setSavepoint(name); } catch (SQLException e) { throw fail(e); } }
    @Override public void rollback(Savepoint savepoint) throws SQLException { try { open().rollback(savepoint); } catch (SQLException e) { throw fail(e); } }
    @Override public void releaseSavepoint(Savepoint savepoint) throws SQLException { try { open().releaseSavepoint(savepoint); } catch (SQLException e) { throw fail(e); } }
    @Override public Clob createClob() throws SQLException { try { return open().createClob(); } catch (SQLException e) { throw fail(e); } }
    @Override public Blob createBlob() throws SQLException { try { return open().createBlob(); } catch (SQLException e) { throw fail(e); } }
    @Override public NClob createNClob() throws SQLException { try { return open().createNClob(); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLXML createSQLXML() throws SQLException { try { return open().createSQLXML(); } catch (SQLException e) { throw fail(e); } }
    @Override public Array createArrayOf(String typeName, Object[] elements) throws SQLException { try { return open().createArrayOf(typeName, elements); } catch (SQLException e) { throw fail(e); } }
    @Override public Struct createStruct(String typeName, Object[] attributes) throws SQLException { try { return open().createStruct(typeName, attributes); } catch (SQLException e) { throw fail(e); } }
    @Override public String getClientInfo(String name) throws SQLException { try { return open().getClientInfo(name); } catch (SQLException e) { throw fail(e); } }
    @Override public Properties getClientInfo() throws SQLException { try { return open().getClientInfo(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean setShardingKeyIfValid(ShardingKey key, ShardingKey superKey, int timeout) throws SQLException { try { return open().setShardingKeyIfValid(key, superKey, timeout); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean setShardingKeyIfValid(ShardingKey key, int timeout) throws SQLException { try { return open().setShardingKeyIfValid(key, timeout); } catch (SQLException e) { throw fail(e); } }
    @Override public void setShardingKey(ShardingKey key, ShardingKey superKey) throws SQLException { try { open().setShardingKey(key, superKey); } catch (SQLException e) { throw fail(e); } }
    @Override public void setShardingKey(ShardingKey key) throws SQLException { try { open().setShardingKey(key); } catch (SQLException e) { throw fail(e); } }
}
