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
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/** A stub prepared statement: parameters are accepted and ignored; executions behave as in {@link StubStatement}. */
public final class StubPreparedStatement extends StubStatement implements PreparedStatement {

    private final String sql;

    StubPreparedStatement(StubConnection connection, String sql) {
        super(connection, "PreparedStatement");
        this.sql = sql;
    }

    /** The SQL this statement was prepared with. */
    public String sql() {
        return sql;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return query("executeQuery");
    }

    @Override
    public int executeUpdate() throws SQLException {
        return update("executeUpdate");
    }

    @Override
    public boolean execute() throws SQLException {
        query("execute");
        return true;
    }

    @Override
    public void clearParameters() throws SQLException {
        check("clearParameters");
    }

    @Override
    public void addBatch() throws SQLException {
        check("addBatch");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw unsupported("getMetaData");
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw unsupported("getParameterMetaData");
    }

    // Parameter setters: accepted and ignored.

    @Override public void setNull(int parameterIndex, int sqlType) throws SQLException { check("setNull"); }
    @Override public void setBoolean(int parameterIndex, boolean x) throws SQLException { check("setBoolean"); }
    @Override public void setByte(int parameterIndex, byte x) throws SQLException { check("setByte"); }
    @Override public void setShort(int parameterIndex, short x) throws SQLException { check("setShort"); }
    @Override public void setInt(int parameterIndex, int x) throws SQLException { check("setInt"); }
    @Override public void setLong(int parameterIndex, long x) throws SQLException { check("setLong"); }
    @Override public void setFloat(int parameterIndex, float x) throws SQLException { check("setFloat"); }
    @Override public void setDouble(int parameterIndex, double x) throws SQLException { check("setDouble"); }
    @Override public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException { check("setBigDecimal"); }
    @Override public void setString(int parameterIndex, String x) throws SQLException { check("setString"); }
    @Override public void setBytes(int parameterIndex, byte[] x) throws SQLException { check("setBytes"); }
    @Override public void setDate(int parameterIndex, Date x) throws SQLException { check("setDate"); }
    @Override public void setTime(int parameterIndex, Time x) throws SQLException { check("setTime"); }
    @Override public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException { check("setTimestamp"); }
    @Override public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException { check("setAsciiStream"); }
    @Override public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException { check("setUnicodeStream"); }
    @Override public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException { check("setBinaryStream"); }
    @Override public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException { check("setObject"); }
    @Override public void setObject(int parameterIndex, Object x) throws SQLException { check("setObject"); }
    @Override public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException { check("setCharacterStream"); }
    @Override public void setRef(int parameterIndex, Ref x) throws SQLException { check("setRef"); }
    @Override public void setBlob(int parameterIndex, Blob x) throws SQLException { check("setBlob"); }
    @Override public void setClob(int parameterIndex, Clob x) throws SQLException { check("setClob"); }
    @Override public void setArray(int parameterIndex, Array x) throws SQLException { check("setArray"); }
    @Override public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException { check("setDate"); }
    @Override public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException { check("setTime"); }
    @Override public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException { check("setTimestamp"); }
    @Override public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException { check("setNull"); }
    @Override public void setURL(int parameterIndex, URL x) throws SQLException { check("setURL"); }
    @Override public void setRowId(int parameterIndex, RowId x) throws SQLException { check("setRowId"); }
    @Override public void setNString(int parameterIndex, String value) throws SQLException { check("setNString"); }
    @Override public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException { check("setNCharacterStream"); }
    @Override public void setNClob(int parameterIndex, NClob value) throws SQLException { check("setNClob"); }
    @Override public void setClob(int parameterIndex, Reader reader, long length) throws SQLException { check("setClob"); }
    @Override public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException { check("setBlob"); }
    @Override public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException { check("setNClob"); }
    @Override public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException { check("setSQLXML"); }
    @Override public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException { check("setObject"); }
    @Override public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException { check("setAsciiStream"); }
    @Override public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException { check("setBinaryStream"); }
    @Override public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException { check("setCharacterStream"); }
    @Override public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException { check("setAsciiStream"); }
    @Override public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException { check("setBinaryStream"); }
    @Override public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException { check("setCharacterStream"); }
    @Override public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException { check("setNCharacterStream"); }
    @Override public void setClob(int parameterIndex, Reader reader) throws SQLException { check("setClob"); }
    @Override public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException { check("setBlob"); }
    @Override public void setNClob(int parameterIndex, Reader reader) throws SQLException { check("setNClob"); }
}
