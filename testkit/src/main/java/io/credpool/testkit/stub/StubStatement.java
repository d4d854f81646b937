package io.credpool.testkit.stub;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A stub statement: every execution counts as one round trip, honours the behaviour's statement
 * delay and injected failures, and joins the connection's open transaction when auto-commit is off.
 * Queries return {@link StubResultSet}s; updates report one row.
 */
public class StubStatement implements Statement {

    final StubConnection connection;
    private boolean closed;
    private int fetchSize;
    private int maxRows;
    private int queryTimeout;
    private ResultSet current;

    StubStatement(StubConnection connection) {
        this.connection = connection;
    }

    final void check() throws SQLException {
        if (closed) {
            throw new SQLException("This statement has been closed.", "55000");
        }
        connection.check();
    }

    final ResultSet query() throws SQLException {
        check();
        connection.executed();
        current = new StubResultSet(this, connection.behaviour().rows);
        return current;
    }

    final int update() throws SQLException {
        check();
        connection.executed();
        current = null;
        return 1;
    }

    static SQLException unsupported(String method) {
        return new SQLFeatureNotSupportedException("stub driver: " + method + " is not supported");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return query();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return update();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        check();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        check();
    }

    @Override
    public int getMaxRows() throws SQLException {
        check();
        return maxRows;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        check();
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        check();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        check();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        check();
        queryTimeout = seconds;
    }

    @Override
    public void cancel() throws SQLException {
        check();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        check();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        check();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw unsupported("setCursorName");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        query();
        return true;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        check();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        check();
        return current == null ? 1 : -1;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        check();
        current = null;
        return false;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        check();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        check();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        check();
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        check();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        check();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        check();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        check();
    }

    @Override
    public void clearBatch() throws SQLException {
        check();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        update();
        return new int[] {1};
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return connection;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        check();
        return new StubResultSet(this, 0);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update();
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return update();
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return update();
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        check();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        check();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        check();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        check();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        check();
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
