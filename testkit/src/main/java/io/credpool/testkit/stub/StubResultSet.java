package io.credpool.testkit.stub;

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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A forward-only, read-only result set of {@code rows} rows in which every column holds the
 * row number (1, 2, ...): {@code getInt}, {@code getLong}, {@code getString} and
 * {@code getObject} return it; other getters return their type's zero or {@code null}.
 * {@code getStatement()} is {@code null} for the result sets of {@link java.sql.DatabaseMetaData}.
 */
public final class StubResultSet implements ResultSet {

    private final StubConnection connection;
    private final StubStatement statement;
    private final int rows;
    private int row;
    private boolean closed;
    private int fetchSize;

    /** A result set of {@code statement}, or of database metadata when {@code statement} is {@code null}. */
    StubResultSet(StubConnection connection, StubStatement statement, int rows) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    /** Runs the behaviour's hooks for {@code ResultSet.<method>}: first thing in every method. */
    private void enter(String method) {
        connection.behaviour().enter("ResultSet", method, connection);
    }

    /** The start of most methods: hooks, then the result set's and the connection's closed checks. */
    private void check(String method) throws SQLException {
        enter(method);
        if (closed) {
            throw new SQLException("This ResultSet is closed.", "55000");
        }
        connection.check();
    }

    private int value(String method) throws SQLException {
        check(method);
        if (row < 1 || row > rows) {
            throw new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
        }
        return row;
    }

    /** The exception for a method the stub does not implement, after the hooks have run for it. */
    private SQLException unsupported(String method) {
        enter(method);
        return new SQLFeatureNotSupportedException("stub driver: " + method + " is not supported");
    }

    @Override
    public boolean next() throws SQLException {
        check("next");
        if (row <= rows) {
            row++;
        }
        return row <= rows;
    }

    @Override
    public void close() {
        enter("close");
        closed = true;
    }

    @Override
    public boolean isClosed() {
        enter("isClosed");
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        check("wasNull");
        return false;
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return value("getInt");
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return value("getInt");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return value("getLong");
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return value("getLong");
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        return Integer.toString(value("getString"));
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return Integer.toString(value("getString"));
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return value("getObject");
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return value("getObject");
    }

    @Override
    public Statement getStatement() throws SQLException {
        check("getStatement");
        return statement;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        check("findColumn");
        return 1;
    }

    @Override
    public int getRow() throws SQLException {
        check("getRow");
        return row <= rows ? row : 0;
    }

    @Override
    public void clearWarnings() throws SQLException {
        check("clearWarnings");
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
    public void setFetchDirection(int direction) throws SQLException {
        check("setFetchDirection");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        check("getFetchDirection");
        return FETCH_FORWARD;
    }

    @Override
    public int getType() throws SQLException {
        check("getType");
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        check("getConcurrency");
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        check("getHoldability");
        return HOLD_CURSORS_OVER_COMMIT;
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

    // Everything else: getters give their type's zero or null, navigation and updates are unsupported.

    @Override public boolean getBoolean(int columnIndex) throws SQLException { check("getBoolean"); return false; }
    @Override public byte getByte(int columnIndex) throws SQLException { check("getByte"); return 0; }
    @Override public short getShort(int columnIndex) throws SQLException { check("getShort"); return 0; }
    @Override public float getFloat(int columnIndex) throws SQLException { check("getFloat"); return 0; }
    @Override public double getDouble(int columnIndex) throws SQLException { check("getDouble"); return 0; }
    @Override public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException { check("getBigDecimal"); return null; }
    @Override public byte[] getBytes(int columnIndex) throws SQLException { check("getBytes"); return null; }
    @Override public Date getDate(int columnIndex) throws SQLException { check("getDate"); return null; }
    @Override public Time getTime(int columnIndex) throws SQLException { check("getTime"); return null; }
    @Override public Timestamp getTimestamp(int columnIndex) throws SQLException { check("getTimestamp"); return null; }
    @Override public InputStream getAsciiStream(int columnIndex) throws SQLException { check("getAsciiStream"); return null; }
    @Override public InputStream getUnicodeStream(int columnIndex) throws SQLException { check("getUnicodeStream"); return null; }
    @Override public InputStream getBinaryStream(int columnIndex) throws SQLException { check("getBinaryStream"); return null; }
    @Override public boolean getBoolean(String columnLabel) throws SQLException { check("getBoolean"); return false; }
    @Override public byte getByte(String columnLabel) throws SQLException { check("getByte"); return 0; }
    @Override public short getShort(String columnLabel) throws SQLException { check("getShort"); return 0; }
    @Override public float getFloat(String columnLabel) throws SQLException { check("getFloat"); return 0; }
    @Override public double getDouble(String columnLabel) throws SQLException { check("getDouble"); return 0; }
    @Override public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException { check("getBigDecimal"); return null; }
    @Override public byte[] getBytes(String columnLabel) throws SQLException { check("getBytes"); return null; }
    @Override public Date getDate(String columnLabel) throws SQLException { check("getDate"); return null; }
    @Override public Time getTime(String columnLabel) throws SQLException { check("getTime"); return null; }
    @Override public Timestamp getTimestamp(String columnLabel) throws SQLException { check("getTimestamp"); return null; }
    @Override public InputStream getAsciiStream(String columnLabel) throws SQLException { check("getAsciiStream"); return null; }
    @Override public InputStream getUnicodeStream(String columnLabel) throws SQLException { check("getUnicodeStream"); return null; }
    @Override public InputStream getBinaryStream(String columnLabel) throws SQLException { check("getBinaryStream"); return null; }
    @Override public SQLWarning getWarnings() throws SQLException { check("getWarnings"); return null; }
    @Override public String getCursorName() throws SQLException { check("getCursorName"); return null; }
    @Override public ResultSetMetaData getMetaData() throws SQLException { check("getMetaData"); return null; }
    @Override public Reader getCharacterStream(int columnIndex) throws SQLException { check("getCharacterStream"); return null; }
    @Override public Reader getCharacterStream(String columnLabel) throws SQLException { check("getCharacterStream"); return null; }
    @Override public BigDecimal getBigDecimal(int columnIndex) throws SQLException { check("getBigDecimal"); return null; }
    @Override public BigDecimal getBigDecimal(String columnLabel) throws SQLException { check("getBigDecimal"); return null; }
    @Override public boolean isBeforeFirst() throws SQLException { throw unsupported("isBeforeFirst"); }
    @Override public boolean isAfterLast() throws SQLException { throw unsupported("isAfterLast"); }
    @Override public boolean isFirst() throws SQLException { throw unsupported("isFirst"); }
    @Override public boolean isLast() throws SQLException { throw unsupported("isLast"); }
    @Override public void beforeFirst() throws SQLException { throw unsupported("beforeFirst"); }
    @Override public void afterLast() throws SQLException { throw unsupported("afterLast"); }
    @Override public boolean first() throws SQLException { throw unsupported("first"); }
    @Override public boolean last() throws SQLException { throw unsupported("last"); }
    @Override public boolean absolute(int row) throws SQLException { throw unsupported("absolute"); }
    @Override public boolean relative(int rows) throws SQLException { throw unsupported("relative"); }
    @Override public boolean previous() throws SQLException { throw unsupported("previous"); }
    @Override public boolean rowUpdated() throws SQLException { throw unsupported("rowUpdated"); }
    @Override public boolean rowInserted() throws SQLException { throw unsupported("rowInserted"); }
    @Override public boolean rowDeleted() throws SQLException { throw unsupported("rowDeleted"); }
    @Override public void updateNull(int columnIndex) throws SQLException { throw unsupported("updateNull"); }
    @Override public void updateBoolean(int columnIndex, boolean x) throws SQLException { throw unsupported("updateBoolean"); }
    @Override public void updateByte(int columnIndex, byte x) throws SQLException { throw unsupported("updateByte"); }
    @Override public void updateShort(int columnIndex, short x) throws SQLException { throw unsupported("updateShort"); }
    @Override public void updateInt(int columnIndex, int x) throws SQLException { throw unsupported("updateInt"); }
    @Override public void updateLong(int columnIndex, long x) throws SQLException { throw unsupported("updateLong"); }
    @Override public void updateFloat(int columnIndex, float x) throws SQLException { throw unsupported("updateFloat"); }
    @Override public void updateDouble(int columnIndex, double x) throws SQLException { throw unsupported("updateDouble"); }
    @Override public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException { throw unsupported("updateBigDecimal"); }
    @Override public void updateString(int columnIndex, String x) throws SQLException { throw unsupported("updateString"); }
    @Override public void updateBytes(int columnIndex, byte[] x) throws SQLException { throw unsupported("updateBytes"); }
    @Override public void updateDate(int columnIndex, Date x) throws SQLException { throw unsupported("updateDate"); }
    @Override public void updateTime(int columnIndex, Time x) throws SQLException { throw unsupported("updateTime"); }
    @Override public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException { throw unsupported("updateTimestamp"); }
    @Override public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException { throw unsupported("updateAsciiStream"); }
    @Override public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException { throw unsupported("updateBinaryStream"); }
    @Override public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException { throw unsupported("updateCharacterStream"); }
    @Override public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException { throw unsupported("updateObject"); }
    @Override public void updateObject(int columnIndex, Object x) throws SQLException { throw unsupported("updateObject"); }
    @Override public void updateNull(String columnLabel) throws SQLException { throw unsupported("updateNull"); }
    @Override public void updateBoolean(String columnLabel, boolean x) throws SQLException { throw unsupported("updateBoolean"); }
    @Override public void updateByte(String columnLabel, byte x) throws SQLException { throw unsupported("updateByte"); }
    @Override public void updateShort(String columnLabel, short x) throws SQLException { throw unsupported("updateShort"); }
    @Override public void updateInt(String columnLabel, int x) throws SQLException { throw unsupported("updateInt"); }
    @Override public void updateLong(String columnLabel, long x) throws SQLException { throw unsupported("updateLong"); }
    @Override public void updateFloat(String columnLabel, float x) throws SQLException { throw unsupported("updateFloat"); }
    @Override public void updateDouble(String columnLabel, double x) throws SQLException { throw unsupported("updateDouble"); }
    @Override public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException { throw unsupported("updateBigDecimal"); }
    @Override public void updateString(String columnLabel, String x) throws SQLException { throw unsupported("updateString"); }
    @Override public void updateBytes(String columnLabel, byte[] x) throws SQLException { throw unsupported("updateBytes"); }
    @Override public void updateDate(String columnLabel, Date x) throws SQLException { throw unsupported("updateDate"); }
    @Override public void updateTime(String columnLabel, Time x) throws SQLException { throw unsupported("updateTime"); }
    @Override public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException { throw unsupported("updateTimestamp"); }
    @Override public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException { throw unsupported("updateAsciiStream"); }
    @Override public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException { throw unsupported("updateBinaryStream"); }
    @Override public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException { throw unsupported("updateCharacterStream"); }
    @Override public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException { throw unsupported("updateObject"); }
    @Override public void updateObject(String columnLabel, Object x) throws SQLException { throw unsupported("updateObject"); }
    @Override public void insertRow() throws SQLException { throw unsupported("insertRow"); }
    @Override public void updateRow() throws SQLException { throw unsupported("updateRow"); }
    @Override public void deleteRow() throws SQLException { throw unsupported("deleteRow"); }
    @Override public void refreshRow() throws SQLException { throw unsupported("refreshRow"); }
    @Override public void cancelRowUpdates() throws SQLException { throw unsupported("cancelRowUpdates"); }
    @Override public void moveToInsertRow() throws SQLException { throw unsupported("moveToInsertRow"); }
    @Override public void moveToCurrentRow() throws SQLException { throw unsupported("moveToCurrentRow"); }
    @Override public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException { check("getObject"); return null; }
    @Override public Ref getRef(int columnIndex) throws SQLException { check("getRef"); return null; }
    @Override public Blob getBlob(int columnIndex) throws SQLException { check("getBlob"); return null; }
    @Override public Clob getClob(int columnIndex) throws SQLException { check("getClob"); return null; }
    @Override public Array getArray(int columnIndex) throws SQLException { check("getArray"); return null; }
    @Override public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException { check("getObject"); return null; }
    @Override public Ref getRef(String columnLabel) throws SQLException { check("getRef"); return null; }
    @Override public Blob getBlob(String columnLabel) throws SQLException { check("getBlob"); return null; }
    @Override public Clob getClob(String columnLabel) throws SQLException { check("getClob"); return null; }
    @Override public Array getArray(String columnLabel) throws SQLException { check("getArray"); return null; }
    @Override public Date getDate(int columnIndex, Calendar cal) throws SQLException { check("getDate"); return null; }
    @Override public Date getDate(String columnLabel, Calendar cal) throws SQLException { check("getDate"); return null; }
    @Override public Time getTime(int columnIndex, Calendar cal) throws SQLException { check("getTime"); return null; }
    @Override public Time getTime(String columnLabel, Calendar cal) throws SQLException { check("getTime"); return null; }
    @Override public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException { check("getTimestamp"); return null; }
    @Override public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException { check("getTimestamp"); return null; }
    @Override public URL getURL(int columnIndex) throws SQLException { check("getURL"); return null; }
    @Override public URL getURL(String columnLabel) throws SQLException { check("getURL"); return null; }
    @Override public void updateRef(int columnIndex, Ref x) throws SQLException { throw unsupported("updateRef"); }
    @Override public void updateRef(String columnLabel, Ref x) throws SQLException { throw unsupported("updateRef"); }
    @Override public void updateBlob(int columnIndex, Blob x) throws SQLException { throw unsupported("updateBlob"); }
    @Override public void updateBlob(String columnLabel, Blob x) throws SQLException { throw unsupported("updateBlob"); }
    @Override public void updateClob(int columnIndex, Clob x) throws SQLException { throw unsupported("updateClob"); }
    @Override public void updateClob(String columnLabel, Clob x) throws SQLException { throw unsupported("updateClob"); }
    @Override public void updateArray(int columnIndex, Array x) throws SQLException { throw unsupported("updateArray"); }
    @Override public void updateArray(String columnLabel, Array x) throws SQLException { throw unsupported("updateArray"); }
    @Override public RowId getRowId(int columnIndex) throws SQLException { check("getRowId"); return null; }
    @Override public RowId getRowId(String columnLabel) throws SQLException { check("getRowId"); return null; }
    @Override public void updateRowId(int columnIndex, RowId x) throws SQLException { throw unsupported("updateRowId"); }
    @Override public void updateRowId(String columnLabel, RowId x) throws SQLException { throw unsupported("updateRowId"); }
    @Override public void updateNString(int columnIndex, String nString) throws SQLException { throw unsupported("updateNString"); }
    @Override public void updateNString(String columnLabel, String nString) throws SQLException { throw unsupported("updateNString"); }
    @Override public void updateNClob(int columnIndex, NClob nClob) throws SQLException { throw unsupported("updateNClob"); }
    @Override public void updateNClob(String columnLabel, NClob nClob) throws SQLException { throw unsupported("updateNClob"); }
    @Override public NClob getNClob(int columnIndex) throws SQLException { check("getNClob"); return null; }
    @Override public NClob getNClob(String columnLabel) throws SQLException { check("getNClob"); return null; }
    @Override public SQLXML getSQLXML(int columnIndex) throws SQLException { check("getSQLXML"); return null; }
    @Override public SQLXML getSQLXML(String columnLabel) throws SQLException { check("getSQLXML"); return null; }
    @Override public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException { throw unsupported("updateSQLXML"); }
    @Override public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException { throw unsupported("updateSQLXML"); }
    @Override public String getNString(int columnIndex) throws SQLException { check("getNString"); return null; }
    @Override public String getNString(String columnLabel) throws SQLException { check("getNString"); return null; }
    @Override public Reader getNCharacterStream(int columnIndex) throws SQLException { check("getNCharacterStream"); return null; }
    @Override public Reader getNCharacterStream(String columnLabel) throws SQLException { check("getNCharacterStream"); return null; }
    @Override public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException { throw unsupported("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException { throw unsupported("updateNCharacterStream"); }
    @Override public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException { throw unsupported("updateAsciiStream"); }
    @Override public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException { throw unsupported("updateBinaryStream"); }
    @Override public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException { throw unsupported("updateCharacterStream"); }
    @Override public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException { throw unsupported("updateAsciiStream"); }
    @Override public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException { throw unsupported("updateBinaryStream"); }
    @Override public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException { throw unsupported("updateCharacterStream"); }
    @Override public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException { throw unsupported("updateBlob"); }
    @Override public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException { throw unsupported("updateBlob"); }
    @Override public void updateClob(int columnIndex, Reader reader, long length) throws SQLException { throw unsupported("updateClob"); }
    @Override public void updateClob(String columnLabel, Reader reader, long length) throws SQLException { throw unsupported("updateClob"); }
    @Override public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException { throw unsupported("updateNClob"); }
    @Override public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException { throw unsupported("updateNClob"); }
    @Override public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException { throw unsupported("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException { throw unsupported("updateNCharacterStream"); }
    @Override public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException { throw unsupported("updateAsciiStream"); }
    @Override public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException { throw unsupported("updateBinaryStream"); }
    @Override public void updateCharacterStream(int columnIndex, Reader x) throws SQLException { throw unsupported("updateCharacterStream"); }
    @Override public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException { throw unsupported("updateAsciiStream"); }
    @Override public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException { throw unsupported("updateBinaryStream"); }
    @Override public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException { throw unsupported("updateCharacterStream"); }
    @Override public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException { throw unsupported("updateBlob"); }
    @Override public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException { throw unsupported("updateBlob"); }
    @Override public void updateClob(int columnIndex, Reader reader) throws SQLException { throw unsupported("updateClob"); }
    @Override public void updateClob(String columnLabel, Reader reader) throws SQLException { throw unsupported("updateClob"); }
    @Override public void updateNClob(int columnIndex, Reader reader) throws SQLException { throw unsupported("updateNClob"); }
    @Override public void updateNClob(String columnLabel, Reader reader) throws SQLException { throw unsupported("updateNClob"); }
    @Override public <T> T getObject(int columnIndex, Class<T> type) throws SQLException { check("getObject"); return null; }
    @Override public <T> T getObject(String columnLabel, Class<T> type) throws SQLException { check("getObject"); return null; }
}
