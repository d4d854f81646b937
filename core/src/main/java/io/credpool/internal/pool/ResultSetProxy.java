package io.credpool.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A borrower's result set, from a statement or from database metadata. Every call checks the
 * connection's lease first, so a result set kept past {@code Connection.close()} fails with
 * "connection is closed" instead of fetching through a connection lent to someone else; every
 * SQLException from the driver passes through {@link ConnectionProxy#fail}. {@code getStatement()}
 * leads back to the borrower's statement proxy, or is {@code null} for metadata results, never
 * to the driver's statement; result sets read with {@code getObject} are wrapped too.
 */
final class ResultSetProxy implements ResultSet {

    private final ConnectionProxy connection;
    /** Null for metadata results: JDBC allows it, and the driver's statement would lead to its connection. */
    private final StatementProxy statement;
    private final ResultSet rs;

    ResultSetProxy(ConnectionProxy connection, StatementProxy statement, ResultSet rs) {
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
    }

    private SQLException fail(SQLException e) {
        return connection.fail(e);
    }

    /**
     * {@code value}, unless it is a result set (a PostgreSQL refcursor read with {@code getObject}):
     * then a proxy of it, so that it checks the lease and hides the driver's statement too.
     */
    static Object wrapCursor(Object value, ConnectionProxy connection, StatementProxy statement) {
        return value instanceof ResultSet ? new ResultSetProxy(connection, statement, (ResultSet) value) : value;
    }

    /** As above, when the caller asked for a {@code type} that a proxy can be; else {@code value} itself. */
    static <T> T wrapCursor(T value, Class<T> type, ConnectionProxy connection, StatementProxy statement) {
        return type.isAssignableFrom(ResultSetProxy.class) ? type.cast(wrapCursor((Object) value, connection, statement))
                : value;
    }

    /** The driver's result set, while the connection's lease lasts. */
    private ResultSet rs() throws SQLException {
        connection.checkOpen();
        return rs;
    }

    @Override
    public Statement getStatement() throws SQLException {
        connection.checkOpen();
        return statement;
    }

    @Override
    public void close() throws SQLException {
        if (connection.leaseEnded()) {
            return; // the driver's result set is no longer this borrower's to touch
        }
        try {
            rs.close();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        if (connection.leaseEnded()) {
            return true;
        }
        try {
            return rs.isClosed();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { try { return iface.isInstance(this) ? iface.cast(this) : Wrappers.unwrap(rs(), iface); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { try { return iface.isInstance(this) || Wrappers.isWrapperFor(rs(), iface); } catch (SQLException e) { throw fail(e); } }

    @Override public boolean next() throws SQLException { try { return rs().next(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean wasNull() throws SQLException { try { return rs().wasNull(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getString(int columnIndex) throws SQLException { try { return rs().getString(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean getBoolean(int columnIndex) throws SQLException { try { return rs().getBoolean(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public byte getByte(int columnIndex) throws SQLException { try { return rs().getByte(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public short getShort(int columnIndex) throws SQLException { try { return rs().getShort(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public int getInt(int columnIndex) throws SQLException { try { return rs().getInt(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public long getLong(int columnIndex) throws SQLException { try { return rs().getLong(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public float getFloat(int columnIndex) throws SQLException { try { return rs().getFloat(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public double getDouble(int columnIndex) throws SQLException { try { return rs().getDouble(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Deprecated
    @SuppressWarnings("deprecation")
    @Override public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException { try { return rs().getBigDecimal(columnIndex, scale); } catch (SQLException e) { throw fail(e); } }
    @Override public byte[] getBytes(int columnIndex) throws SQLException { try { return rs().getBytes(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Date getDate(int columnIndex) throws SQLException { try { return rs().getDate(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Time getTime(int columnIndex) throws SQLException { try { return rs().getTime(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Timestamp getTimestamp(int columnIndex) throws SQLException { try { return rs().getTimestamp(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public InputStream getAsciiStream(int columnIndex) throws SQLException { try { return rs().getAsciiStream(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Deprecated
    @SuppressWarnings("deprecation")
    @Override public InputStream getUnicodeStream(int columnIndex) throws SQLException { try { return rs().getUnicodeStream(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public InputStream getBinaryStream(int columnIndex) throws SQLException { try { return rs().getBinaryStream(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public String getString(String columnLabel) throws SQLException { try { return rs().getString(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean getBoolean(String columnLabel) throws SQLException { try { return rs().getBoolean(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public byte getByte(String columnLabel) throws SQLException { try { return rs().getByte(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public short getShort(String columnLabel) throws SQLException { try { return rs().getShort(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public int getInt(String columnLabel) throws SQLException { try { return rs().getInt(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public long getLong(String columnLabel) throws SQLException { try { return rs().getLong(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public float getFloat(String columnLabel) throws SQLException { try { return rs().getFloat(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public double getDouble(String columnLabel) throws SQLException { try { return rs().getDouble(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Deprecated
    @SuppressWarnings("deprecation")
    @Override public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException { try { return rs().getBigDecimal(columnLabel, scale); } catch (SQLException e) { throw fail(e); } }
    @Override public byte[] getBytes(String columnLabel) throws SQLException { try { return rs().getBytes(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Date getDate(String columnLabel) throws SQLException { try { return rs().getDate(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Time getTime(String columnLabel) throws SQLException { try { return rs().getTime(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Timestamp getTimestamp(String columnLabel) throws SQLException { try { return rs().getTimestamp(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public InputStream getAsciiStream(String columnLabel) throws SQLException { try { return rs().getAsciiStream(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Deprecated
    @SuppressWarnings("deprecation")
    @Override public InputStream getUnicodeStream(String columnLabel) throws SQLException { try { return rs().getUnicodeStream(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public InputStream getBinaryStream(String columnLabel) throws SQLException { try { return rs().getBinaryStream(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLWarning getWarnings() throws SQLException { try { return rs().getWarnings(); } catch (SQLException e) { throw fail(e); } }
    @Override public void clearWarnings() throws SQLException { try { rs().clearWarnings(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getCursorName() throws SQLException { try { return rs().getCursorName(); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSetMetaData getMetaData() throws SQLException { try { return rs().getMetaData(); } catch (SQLException e) { throw fail(e); } }
    @Override public Object getObject(int columnIndex) throws SQLException { try { return wrapCursor(rs().getObject(columnIndex), connection, statement); } catch (SQLException e) { throw fail(e); } }
    @Override public Object getObject(String columnLabel) throws SQLException { try { return wrapCursor(rs().getObject(columnLabel), connection, statement); } catch (SQLException e) { throw fail(e); } }
    @Override public int findColumn(String columnLabel) throws SQLException { try { return rs().findColumn(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Reader getCharacterStream(int columnIndex) throws SQLException { try { return rs().getCharacterStream(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Reader getCharacterStream(String columnLabel) throws SQLException { try { return rs().getCharacterStream(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public BigDecimal getBigDecimal(int columnIndex) throws SQLException { try { return rs().getBigDecimal(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public BigDecimal getBigDecimal(String columnLabel) throws SQLException { try { return rs().getBigDecimal(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isBeforeFirst() throws SQLException { try { return rs().isBeforeFirst(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isAfterLast() throws SQLException { try { return rs().isAfterLast(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isFirst() throws SQLException { try { return rs().isFirst(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isLast() throws SQLException { try { return rs().isLast(); } catch (SQLException e) { throw fail(e); } }
    @Override public void beforeFirst() throws SQLException { try { rs().beforeFirst(); } catch (SQLException e) { throw fail(e); } }
    @Override public void afterLast() throws SQLException { try { rs().afterLast(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean first() throws SQLException { try { return rs().first(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean last() throws SQLException { try { return rs().last(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getRow() throws SQLException { try { return rs().getRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean absolute(int row) throws SQLException { try { return rs().absolute(row); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean relative(int rows) throws SQLException { try { return rs().relative(rows); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean previous() throws SQLException { try { return rs().previous(); } catch (SQLException e) { throw fail(e); } }
    @Override public void setFetchDirection(int direction) throws SQLException { try { rs().setFetchDirection(direction); } catch (SQLException e) { throw fail(e); } }
    @Override public int getFetchDirection() throws SQLException { try { return rs().getFetchDirection(); } catch (SQLException e) { throw fail(e); } }
    @Override public void setFetchSize(int rows) throws SQLException { try { rs().setFetchSize(rows); } catch (SQLException e) { throw fail(e); } }
    @Override public int getFetchSize() throws SQLException { try { return rs().getFetchSize(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getType() throws SQLException { try { return rs().getType(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getConcurrency() throws SQLException { try { return rs().getConcurrency(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean rowUpdated() throws SQLException { try { return rs().rowUpdated(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean rowInserted() throws SQLException { try { return rs().rowInserted(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean rowDeleted() throws SQLException { try { return rs().rowDeleted(); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNull(int columnIndex) throws SQLException { try { rs().updateNull(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBoolean(int columnIndex, boolean x) throws SQLException { try { rs().updateBoolean(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateByte(int columnIndex, byte x) throws SQLException { try { rs().updateByte(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateShort(int columnIndex, short x) throws SQLException { try { rs().updateShort(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateInt(int columnIndex, int x) throws SQLException { try { rs().updateInt(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateLong(int columnIndex, long x) throws SQLException { try { rs().updateLong(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateFloat(int columnIndex, float x) throws SQLException { try { rs().updateFloat(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateDouble(int columnIndex, double x) throws SQLException { try { rs().updateDouble(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException { try { rs().updateBigDecimal(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateString(int columnIndex, String x) throws SQLException { try { rs().updateString(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBytes(int columnIndex, byte[] x) throws SQLException { try { rs().updateBytes(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateDate(int columnIndex, Date x) throws SQLException { try { rs().updateDate(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateTime(int columnIndex, Time x) throws SQLException { try { rs().updateTime(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException { try { rs().updateTimestamp(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException { try { rs().updateAsciiStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException { try { rs().updateBinaryStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException { try { rs().updateCharacterStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException { try { rs().updateObject(columnIndex, x, scaleOrLength); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(int columnIndex, Object x) throws SQLException { try { rs().updateObject(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNull(String columnLabel) throws SQLException { try { rs().updateNull(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBoolean(String columnLabel, boolean x) throws SQLException { try { rs().updateBoolean(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateByte(String columnLabel, byte x) throws SQLException { try { rs().updateByte(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateShort(String columnLabel, short x) throws SQLException { try { rs().updateShort(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateInt(String columnLabel, int x) throws SQLException { try { rs().updateInt(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateLong(String columnLabel, long x) throws SQLException { try { rs().updateLong(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateFloat(String columnLabel, float x) throws SQLException { try { rs().updateFloat(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateDouble(String columnLabel, double x) throws SQLException { try { rs().updateDouble(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException { try { rs().updateBigDecimal(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateString(String columnLabel, String x) throws SQLException { try { rs().updateString(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBytes(String columnLabel, byte[] x) throws SQLException { try { rs().updateBytes(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateDate(String columnLabel, Date x) throws SQLException { try { rs().updateDate(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateTime(String columnLabel, Time x) throws SQLException { try { rs().updateTime(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException { try { rs().updateTimestamp(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException { try { rs().updateAsciiStream(columnLabel, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException { try { rs().updateBinaryStream(columnLabel, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException { try { rs().updateCharacterStream(columnLabel, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException { try { rs().updateObject(columnLabel, x, scaleOrLength); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(String columnLabel, Object x) throws SQLException { try { rs().updateObject(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void insertRow() throws SQLException { try { rs().insertRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateRow() throws SQLException { try { rs().updateRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public void deleteRow() throws SQLException { try { rs().deleteRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public void refreshRow() throws SQLException { try { rs().refreshRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public void cancelRowUpdates() throws SQLException { try { rs().cancelRowUpdates(); } catch (SQLException e) { throw fail(e); } }
    @Override public void moveToInsertRow() throws SQLException { try { rs().moveToInsertRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public void moveToCurrentRow() throws SQLException { try { rs().moveToCurrentRow(); } catch (SQLException e) { throw fail(e); } }
    @Override public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException { try { return wrapCursor(rs().getObject(columnIndex, map), connection, statement); } catch (SQLException e) { throw fail(e); } }
    @Override public Ref getRef(int columnIndex) throws SQLException { try { return rs().getRef(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Blob getBlob(int columnIndex) throws SQLException { try { return rs().getBlob(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Clob getClob(int columnIndex) throws SQLException { try { return rs().getClob(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Array getArray(int columnIndex) throws SQLException { try { return rs().getArray(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException { try { return wrapCursor(rs().getObject(columnLabel, map), connection, statement); } catch (SQLException e) { throw fail(e); } }
    @Override public Ref getRef(String columnLabel) throws SQLException { try { return rs().getRef(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Blob getBlob(String columnLabel) throws SQLException { try { return rs().getBlob(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Clob getClob(String columnLabel) throws SQLException { try { return rs().getClob(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Array getArray(String columnLabel) throws SQLException { try { return rs().getArray(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Date getDate(int columnIndex, Calendar cal) throws SQLException { try { return rs().getDate(columnIndex, cal); } catch (SQLException e) { throw fail(e); } }
    @Override public Date getDate(String columnLabel, Calendar cal) throws SQLException { try { return rs().getDate(columnLabel, cal); } catch (SQLException e) { throw fail(e); } }
    @Override public Time getTime(int columnIndex, Calendar cal) throws SQLException { try { return rs().getTime(columnIndex, cal); } catch (SQLException e) { throw fail(e); } }
    @Override public Time getTime(String columnLabel, Calendar cal) throws SQLException { try { return rs().getTime(columnLabel, cal); } catch (SQLException e) { throw fail(e); } }
    @Override public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException { try { return rs().getTimestamp(columnIndex, cal); } catch (SQLException e) { throw fail(e); } }
    @Override public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException { try { return rs().getTimestamp(columnLabel, cal); } catch (SQLException e) { throw fail(e); } }
    @Override public URL getURL(int columnIndex) throws SQLException { try { return rs().getURL(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public URL getURL(String columnLabel) throws SQLException { try { return rs().getURL(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateRef(int columnIndex, Ref x) throws SQLException { try { rs().updateRef(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateRef(String columnLabel, Ref x) throws SQLException { try { rs().updateRef(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBlob(int columnIndex, Blob x) throws SQLException { try { rs().updateBlob(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBlob(String columnLabel, Blob x) throws SQLException { try { rs().updateBlob(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateClob(int columnIndex, Clob x) throws SQLException { try { rs().updateClob(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateClob(String columnLabel, Clob x) throws SQLException { try { rs().updateClob(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateArray(int columnIndex, Array x) throws SQLException { try { rs().updateArray(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateArray(String columnLabel, Array x) throws SQLException { try { rs().updateArray(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public RowId getRowId(int columnIndex) throws SQLException { try { return rs().getRowId(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public RowId getRowId(String columnLabel) throws SQLException { try { return rs().getRowId(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateRowId(int columnIndex, RowId x) throws SQLException { try { rs().updateRowId(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateRowId(String columnLabel, RowId x) throws SQLException { try { rs().updateRowId(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public int getHoldability() throws SQLException { try { return rs().getHoldability(); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNString(int columnIndex, String nString) throws SQLException { try { rs().updateNString(columnIndex, nString); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNString(String columnLabel, String nString) throws SQLException { try { rs().updateNString(columnLabel, nString); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNClob(int columnIndex, NClob nClob) throws SQLException { try { rs().updateNClob(columnIndex, nClob); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNClob(String columnLabel, NClob nClob) throws SQLException { try { rs().updateNClob(columnLabel, nClob); } catch (SQLException e) { throw fail(e); } }
    @Override public NClob getNClob(int columnIndex) throws SQLException { try { return rs().getNClob(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public NClob getNClob(String columnLabel) throws SQLException { try { return rs().getNClob(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLXML getSQLXML(int columnIndex) throws SQLException { try { return rs().getSQLXML(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public SQLXML getSQLXML(String columnLabel) throws SQLException { try { return rs().getSQLXML(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException { try { rs().updateSQLXML(columnIndex, xmlObject); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException { try { rs().updateSQLXML(columnLabel, xmlObject); } catch (SQLException e) { throw fail(e); } }
    @Override public String getNString(int columnIndex) throws SQLException { try { return rs().getNString(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public String getNString(String columnLabel) throws SQLException { try { return rs().getNString(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public Reader getNCharacterStream(int columnIndex) throws SQLException { try { return rs().getNCharacterStream(columnIndex); } catch (SQLException e) { throw fail(e); } }
    @Override public Reader getNCharacterStream(String columnLabel) throws SQLException { try { return rs().getNCharacterStream(columnLabel); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException { try { rs().updateNCharacterStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException { try { rs().updateNCharacterStream(columnLabel, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException { try { rs().updateAsciiStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException { try { rs().updateBinaryStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException { try { rs().updateCharacterStream(columnIndex, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException { try { rs().updateAsciiStream(columnLabel, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException { try { rs().updateBinaryStream(columnLabel, x, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException { try { rs().updateCharacterStream(columnLabel, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException { try { rs().updateBlob(columnIndex, inputStream, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException { try { rs().updateBlob(columnLabel, inputStream, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateClob(int columnIndex, Reader reader, long length) throws SQLException { try { rs().updateClob(columnIndex, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateClob(String columnLabel, Reader reader, long length) throws SQLException { try { rs().updateClob(columnLabel, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException { try { rs().updateNClob(columnIndex, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException { try { rs().updateNClob(columnLabel, reader, length); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException { try { rs().updateNCharacterStream(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException { try { rs().updateNCharacterStream(columnLabel, reader); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException { try { rs().updateAsciiStream(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException { try { rs().updateBinaryStream(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateCharacterStream(int columnIndex, Reader x) throws SQLException { try { rs().updateCharacterStream(columnIndex, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException { try { rs().updateAsciiStream(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException { try { rs().updateBinaryStream(columnLabel, x); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException { try { rs().updateCharacterStream(columnLabel, reader); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException { try { rs().updateBlob(columnIndex, inputStream); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException { try { rs().updateBlob(columnLabel, inputStream); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateClob(int columnIndex, Reader reader) throws SQLException { try { rs().updateClob(columnIndex, reader); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateClob(String columnLabel, Reader reader) throws SQLException { try { rs().updateClob(columnLabel, reader); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNClob(int columnIndex, Reader reader) throws SQLException { try { rs().updateNClob(columnIndex, reader); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateNClob(String columnLabel, Reader reader) throws SQLException { try { rs().updateNClob(columnLabel, reader); } catch (SQLException e) { throw fail(e); } }
    @Override public <T> T getObject(int columnIndex, Class<T> type) throws SQLException { try { return wrapCursor(rs().getObject(columnIndex, type), type, connection, statement); } catch (SQLException e) { throw fail(e); } }
    @Override public <T> T getObject(String columnLabel, Class<T> type) throws SQLException { try { return wrapCursor(rs().getObject(columnLabel, type), type, connection, statement); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException { try { rs().updateObject(columnIndex, x, targetSqlType, scaleOrLength); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException { try { rs().updateObject(columnLabel, x, targetSqlType, scaleOrLength); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException { try { rs().updateObject(columnIndex, x, targetSqlType); } catch (SQLException e) { throw fail(e); } }
    @Override public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException { try { rs().updateObject(columnLabel, x, targetSqlType); } catch (SQLException e) { throw fail(e); } }
}
