package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
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
 * connection. {@link #close()} returns the connection to the pool once; afterwards every method
 * throws "connection is closed", so a stale reference can never reach a connection that has
 * been lent to someone else.
 *
 * <p>Setters of session state are tracked in the slot's {@link Session} so that returning the
 * connection undoes exactly what the borrower changed. SQLExceptions pass through
 * {@link #fail(SQLException)}, which evicts the connection when the SQLState says it is broken.
 */
final class ConnectionProxy implements Connection {

    private final Pool pool;
    private final Slot slot;
    private final Connection raw;
    private final Session session;
    private boolean closed;

    ConnectionProxy(Pool pool, Slot slot) {
        this.pool = pool;
        this.slot = slot;
        this.raw = slot.raw;
        this.session = slot.session;
    }

    /** The physical connection, unless this proxy has been closed. */
    private Connection raw() throws SQLException {
        if (closed) {
            throw closedException();
        }
        return raw;
    }

    private static SQLException closedException() {
        return new SQLNonTransientConnectionException("connection is closed", "08003");
    }

    /** Notes a failure of the physical connection; returns {@code e} for the caller to throw. */
    SQLException fail(SQLException e) {
        if (!closed && SqlStates.isFatal(e)) {
            pool.fatal(slot);
        }
        return e;
    }

    void logSql(String sql) {
        if (pool.logStatements) {
            Pool.LOG.log(DEBUG, () -> "SQL: " + sql);
        }
    }

    <S extends StatementProxy> S track(S statement) {
        session.opened(statement);
        return statement;
    }

    void forget(StatementProxy statement) {
        if (!closed) {
            session.closed(statement);
        }
    }

    // ---- returning ------------------------------------------------------------------------

    /** Returns the connection to the pool; later calls do nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pool.release(slot);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        if (closed) {
            return true;
        }
        try {
            return raw.isClosed();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Aborts the physical connection; the pool discards it. */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (closed) {
            return;
        }
        slot.evict = true;
        try {
            raw.abort(executor);
        } finally {
            close();
        }
    }

    // ---- statements -----------------------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        try {
            return track(new StatementProxy(this, raw().createStatement()));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return track(new StatementProxy(this, raw().createStatement(resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        try {
            return track(new StatementProxy(this,
                    raw().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        try {
            PreparedStatement ps = raw().prepareStatement(sql);
            logSql(sql);
            return track(new PreparedStatementProxy(this, ps));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        try {
            PreparedStatement ps = raw().prepareStatement(sql, resultSetType, resultSetConcurrency);
            logSql(sql);
            return track(new PreparedStatementProxy(this, ps));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        try {
            PreparedStatement ps = raw().prepareStatement(sql, resultSetType, resultSetConcurrency,
                    resultSetHoldability);
            logSql(sql);
            return track(new PreparedStatementProxy(this, ps));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        try {
            PreparedStatement ps = raw().prepareStatement(sql, autoGeneratedKeys);
            logSql(sql);
            return track(new PreparedStatementProxy(this, ps));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        try {
            PreparedStatement ps = raw().prepareStatement(sql, columnIndexes);
            logSql(sql);
            return track(new PreparedStatementProxy(this, ps));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        try {
            PreparedStatement ps = raw().prepareStatement(sql, columnNames);
            logSql(sql);
            return track(new PreparedStatementProxy(this, ps));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        try {
            CallableStatement cs = raw().prepareCall(sql);
            logSql(sql);
            return track(new CallableStatementProxy(this, cs));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        try {
            CallableStatement cs = raw().prepareCall(sql, resultSetType, resultSetConcurrency);
            logSql(sql);
            return track(new CallableStatementProxy(this, cs));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        try {
            CallableStatement cs = raw().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
            logSql(sql);
            return track(new CallableStatementProxy(this, cs));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        try {
            DatabaseMetaData metaData = raw().getMetaData();
            session.touched = true;
            return new MetaDataProxy(this, metaData);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    // ---- tracked session state ------------------------------------------------------------

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        try {
            raw().setAutoCommit(autoCommit);
            session.autoCommit = autoCommit;
            session.dirty |= Session.AUTO_COMMIT;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        try {
            session.changing(Session.READ_ONLY, raw());
            raw.setReadOnly(readOnly);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try {
            session.changing(Session.CATALOG, raw());
            raw.setCatalog(catalog);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        try {
            session.changing(Session.ISOLATION, raw());
            raw.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        try {
            session.changing(Session.TYPE_MAP, raw());
            raw.setTypeMap(map);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        try {
            session.changing(Session.HOLDABILITY, raw());
            raw.setHoldability(holdability);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try {
            session.changing(Session.SCHEMA, raw());
            raw.setSchema(schema);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        try {
            session.changing(Session.NETWORK_TIMEOUT, raw());
            raw.setNetworkTimeout(executor, milliseconds);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    // Getters that may run a query (and so open a transaction when auto-commit is off).

    @Override
    public String getSchema() throws SQLException {
        try {
            Connection c = raw();
            session.touched = true;
            return c.getSchema();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        try {
            Connection c = raw();
            session.touched = true;
            return c.getCatalog();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        try {
            Connection c = raw();
            session.touched = true;
            return c.getTransactionIsolation();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (closed) {
            return false;
        }
        try {
            return raw.isValid(timeout);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("connection is closed", "08003", Map.<String, ClientInfoStatus>of());
        }
        raw.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("connection is closed", "08003", Map.<String, ClientInfoStatus>of());
        }
        raw.setClientInfo(properties);
    }

    // ---- wrapper --------------------------------------------------------------------------

    /** This proxy, or the driver's connection (or what it wraps) for any other interface. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        Connection c = raw();
        // Whatever the caller does with the driver's connection, the return path must clean up.
        session.touched = true;
        if (iface.isInstance(c)) {
            return iface.cast(c);
        }
        return c.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(raw()) || raw.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "ConnectionProxy[" + pool.target + (closed ? ", closed]" : "]");
    }

    // ---- plain delegation -----------------------------------------------------------------

    @Override
    public String nativeSQL(String sql) throws SQLException {
        try {
            return raw().nativeSQL(sql);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        try {
            return raw().getAutoCommit();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void commit() throws SQLException {
        try {
            raw().commit();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void rollback() throws SQLException {
        try {
            raw().rollback();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        try {
            return raw().isReadOnly();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        try {
            return raw().getWarnings();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        try {
            raw().clearWarnings();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        try {
            return raw().getTypeMap();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        try {
            return raw().getHoldability();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        try {
            return raw().setSavepoint();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        try {
            return raw().setSavepoint(name);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        try {
            raw().rollback(savepoint);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        try {
            raw().releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Clob createClob() throws SQLException {
        try {
            return raw().createClob();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        try {
            return raw().createBlob();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        try {
            return raw().createNClob();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        try {
            return raw().createSQLXML();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        try {
            return raw().getClientInfo(name);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        try {
            return raw().getClientInfo();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        try {
            return raw().createArrayOf(typeName, elements);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        try {
            return raw().createStruct(typeName, attributes);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        try {
            return raw().getNetworkTimeout();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
        try {
            return raw().setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        try {
            return raw().setShardingKeyIfValid(shardingKey, timeout);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        try {
            raw().setShardingKey(shardingKey, superShardingKey);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        try {
            raw().setShardingKey(shardingKey);
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
