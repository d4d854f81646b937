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
    /** The interface name that prefixes this statement's calls for the hooks. */
    private final String kind;
    private boolean closed;
    private int fetchSize;
    private int maxRows;
    private int queryTimeout;
    private ResultSet current;

    StubStatement(StubConnection connection) {
        this(connection, "Statement");
    }

    StubStatement(StubConnection connection, String kind) {
        this.connection = connection;
        this.kind = kind;
    }

    /** Runs the behaviour's hooks for {@code <kind>.<method>}: first thing in every method. */
    final void enter(String method) {
        connection.behaviour().enter(kind, method, connection);
    }

    /** The start of most methods: hooks, then the statement's and the connection's closed checks. */
    final void check(String method) throws SQLException {
        enter(method);
        if (closed) {
            throw new SQLException("This statement has been closed.", "55000");
        }
        connection.check();
    }

    final ResultSet query(String method) throws SQLException {
        check(method);
        connection.executed();
        current = new StubResultSet(connection, this, connection.behaviour().rows);
        return current;
    }

    final int update(String method) throws SQLException {
        check(method);
        connection.executed();
        current = null;
        return 1;
    }

    /** The exception for a method the stub does not implement, after the hooks have run for it. */
    final SQLException unsupported(String method) {
        enter(method);
        return new SQLFeatureNotSupportedException("stub driver: " + method + " is not supported");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return query("executeQuery");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return update("executeUpdate");
    }

    @Override
    public void close() {
        enter("close");
        closed = true;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        check("getMaxFieldSize");
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        check("setMaxFieldSize");
    }

    @Override
    public int getMaxRows() throws SQLException {
        check("getMaxRows");
        return maxRows;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        check("setMaxRows");
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        check("setEscapeProcessing");
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        check("getQueryTimeout");
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        check("setQueryTimeout");
        queryTimeout = seconds;
    }

    @Override
    public void cancel() throws SQLException {
        check("cancel");
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        check("getWarnings");
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        check("clearWarnings");
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw unsupported("setCursorName");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        query("execute");
        return true;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        check("getResultSet");
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        check("getUpdateCount");
        return current == null ? 1 : -1;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        check("getMoreResults");
        current = null;
        return false;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        check("setFetchDirection");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        check("getFetchDirection");
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        check("setFetchSize");
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        check("getFetchSize");
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        check("getResultSetConcurrency");
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        check("getResultSetType");
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        check("addBatch");
    }

    @Override
    public void clearBatch() throws SQLException {
        check("clearBatch");
    }

    @Override
    public int[] executeBatch() throws SQLException {
        update("executeBatch");
        return new int[] {1};
    }

    @Override
    public Connection getConnection() throws SQLException {
        check("getConnection");
        return connection;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        check("getGeneratedKeys");
        return new StubResultSet(connection, this, 0);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update("executeUpdate");
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return update("executeUpdate");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return update("executeUpdate");
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
        check("getResultSetHoldability");
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean isClosed() {
        enter("isClosed");
        return closed;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        check("setPoolable");
    }

    @Override
    public boolean isPoolable() throws SQLException {
        check("isPoolable");
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        check("closeOnCompletion");
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        check("isCloseOnCompletion");
        return false;
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
}
