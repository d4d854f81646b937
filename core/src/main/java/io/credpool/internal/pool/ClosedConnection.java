package io.credpool.internal.pool;

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
 * What a {@link ConnectionProxy} delegates to once its lease has ended: every method throws
 * "connection is closed" (SQLState {@code 08003}). Swapping the proxy's delegate to this one shared
 * instance is the whole of closing it, so plain delegation needs no closed check of its own.
 *
 * <p>The exceptions are {@link LeaseClosedException}s so that {@link ConnectionProxy#fail} can
 * tell them from an {@code 08003} raised by the driver, which would mean the physical connection
 * is gone.
 */
final class ClosedConnection implements Connection {

    static final ClosedConnection INSTANCE = new ClosedConnection();

    private static final String MESSAGE = "connection is closed";

    private ClosedConnection() {
    }

    /** A borrower used a connection, or one of its statements, result sets or metadata, after closing it. */
    static final class LeaseClosedException extends SQLNonTransientConnectionException {
        LeaseClosedException() {
            super(MESSAGE, "08003");
        }
    }

    static SQLException closed() {
        return new LeaseClosedException();
    }

    /** {@code setClientInfo} may only throw this type; the cause is the usual {@link LeaseClosedException}. */
    static SQLClientInfoException clientInfoClosed() {
        return new SQLClientInfoException(MESSAGE, "08003", 0, Map.of(), closed());
    }

    @Override public Statement createStatement() throws SQLException { throw closed(); }
    @Override public PreparedStatement prepareStatement(String sql) throws SQLException { throw closed(); }
    @Override public CallableStatement prepareCall(String sql) throws SQLException { throw closed(); }
    @Override public String nativeSQL(String sql) throws SQLException { throw closed(); }
    @Override public void setAutoCommit(boolean autoCommit) throws SQLException { throw closed(); }
    @Override public boolean getAutoCommit() throws SQLException { throw closed(); }
    @Override public void commit() throws SQLException { throw closed(); }
    @Override public void rollback() throws SQLException { throw closed(); }
    @Override public void close() throws SQLException { throw closed(); }
    @Override public boolean isClosed() throws SQLException { throw closed(); }
    @Override public DatabaseMetaData getMetaData() throws SQLException { throw closed(); }
    @Override public void setReadOnly(boolean readOnly) throws SQLException { throw closed(); }
    @Override public boolean isReadOnly() throws SQLException { throw closed(); }
    @Override public void setCatalog(String catalog) throws SQLException { throw closed(); }
    @Override public String getCatalog() throws SQLException { throw closed(); }
    @Override public void setTransactionIsolation(int level) throws SQLException { throw closed(); }
    @Override public int getTransactionIsolation() throws SQLException { throw closed(); }
    @Override public SQLWarning getWarnings() throws SQLException { throw closed(); }
    @Override public void clearWarnings() throws SQLException { throw closed(); }
    @Override public Statement createStatement(int type, int concurrency) throws SQLException { throw closed(); }
    @Override public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException { throw closed(); }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException { throw closed(); }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { throw closed(); }
    @Override public void setTypeMap(Map<String, Class<?>> map) throws SQLException { throw closed(); }
    @Override public void setHoldability(int holdability) throws SQLException { throw closed(); }
    @Override public int getHoldability() throws SQLException { throw closed(); }
    @Override public Savepoint setSavepoint() throws SQLException { throw closed(); }
    @Override public Savepoint setSavepoint(String name) throws SQLException { throw closed(); }
    @Override public void rollback(Savepoint savepoint) throws SQLException { throw closed(); }
    @Override public void releaseSavepoint(Savepoint savepoint) throws SQLException { throw closed(); }
    @Override public Statement createStatement(int type, int concurrency, int holdability) throws SQLException { throw closed(); }
    @Override public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException { throw closed(); }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException { throw closed(); }
    @Override public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException { throw closed(); }
    @Override public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException { throw closed(); }
    @Override public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException { throw closed(); }
    @Override public Clob createClob() throws SQLException { throw closed(); }
    @Override public Blob createBlob() throws SQLException { throw closed(); }
    @Override public NClob createNClob() throws SQLException { throw closed(); }
    @Override public SQLXML createSQLXML() throws SQLException { throw closed(); }
    @Override public boolean isValid(int timeout) throws SQLException { throw closed(); }
    @Override public void setClientInfo(String name, String value) throws SQLClientInfoException { throw clientInfoClosed(); }
    @Override public void setClientInfo(Properties properties) throws SQLClientInfoException { throw clientInfoClosed(); }
    @Override public String getClientInfo(String name) throws SQLException { throw closed(); }
    @Override public Properties getClientInfo() throws SQLException { throw closed(); }
    @Override public Array createArrayOf(String typeName, Object[] elements) throws SQLException { throw closed(); }
    @Override public Struct createStruct(String typeName, Object[] attributes) throws SQLException { throw closed(); }
    @Override public void setSchema(String schema) throws SQLException { throw closed(); }
    @Override public String getSchema() throws SQLException { throw closed(); }
    @Override public void abort(Executor executor) throws SQLException { throw closed(); }
    @Override public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException { throw closed(); }
    @Override public int getNetworkTimeout() throws SQLException { throw closed(); }
    @Override public boolean setShardingKeyIfValid(ShardingKey key, ShardingKey superKey, int timeout) throws SQLException { throw closed(); }
    @Override public boolean setShardingKeyIfValid(ShardingKey key, int timeout) throws SQLException { throw closed(); }
    @Override public void setShardingKey(ShardingKey key, ShardingKey superKey) throws SQLException { throw closed(); }
    @Override public void setShardingKey(ShardingKey key) throws SQLException { throw closed(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw closed(); }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { throw closed(); }

    @Override
    public String toString() {
        return "ClosedConnection";
    }
}
