package io.credpool;

import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a borrower may call on a handle after it gave its connection back, and what must happen:
 * JDBC lets {@code isClosed()}, {@code isValid()}, {@code close()} and {@code abort()} of a closed
 * connection answer without failing; every other call must throw an SQLException that says the
 * handle is closed. None may reach the driver (the stub's listener checks that).
 */
final class StaleCalls {

    private StaleCalls() {
    }

    /** What a stale call must do. */
    enum Expect {
        /** Throw an SQLException whose message says "closed". */
        THROW_CLOSED,
        /** Return {@code true} ({@code isClosed}). */
        TRUE,
        /** Return {@code false} ({@code isValid}). */
        FALSE,
        /** Return without failing ({@code close}, {@code abort} of a closed handle do nothing). */
        NOTHING
    }

    /** One call on a stale handle. */
    @FunctionalInterface
    interface Body {
        Object call(Object handle) throws SQLException;
    }

    /** One call on a stale handle that returns nothing. */
    @FunctionalInterface
    interface Action {
        void run(Object handle) throws SQLException;
    }

    /** A named call and what it must do. */
    record Call(String name, Expect expect, Body body) {
    }

    private static Call act(String name, Expect expect, Action action) {
        return new Call(name, expect, h -> {
            action.run(h);
            return null;
        });
    }

    private static final List<Call> CONNECTION = List.of(
            new Call("createStatement()", Expect.THROW_CLOSED, h -> ((Connection) h).createStatement()),
            new Call("prepareStatement(sql)", Expect.THROW_CLOSED, h -> ((Connection) h).prepareStatement("select 1")),
            new Call("getMetaData()", Expect.THROW_CLOSED, h -> ((Connection) h).getMetaData()),
            act("setAutoCommit(false)", Expect.THROW_CLOSED, h -> ((Connection) h).setAutoCommit(false)),
            new Call("getAutoCommit()", Expect.THROW_CLOSED, h -> ((Connection) h).getAutoCommit()),
            act("commit()", Expect.THROW_CLOSED, h -> ((Connection) h).commit()),
            act("rollback()", Expect.THROW_CLOSED, h -> ((Connection) h).rollback()),
            new Call("getSchema()", Expect.THROW_CLOSED, h -> ((Connection) h).getSchema()),
            act("setReadOnly(true)", Expect.THROW_CLOSED, h -> ((Connection) h).setReadOnly(true)),
            new Call("getTransactionIsolation()", Expect.THROW_CLOSED, h -> ((Connection) h).getTransactionIsolation()),
            new Call("getWarnings()", Expect.THROW_CLOSED, h -> ((Connection) h).getWarnings()),
            new Call("unwrap(StubConnection)", Expect.THROW_CLOSED, h -> ((Connection) h).unwrap(StubConnection.class)),
            new Call("isClosed()", Expect.TRUE, h -> ((Connection) h).isClosed()),
            new Call("isValid(1)", Expect.FALSE, h -> ((Connection) h).isValid(1)),
            act("close()", Expect.NOTHING, h -> ((Connection) h).close()),
            act("abort(executor)", Expect.NOTHING, h -> ((Connection) h).abort(Runnable::run)));

    private static final List<Call> STATEMENT = List.of(
            new Call("executeQuery(sql)", Expect.THROW_CLOSED, h -> ((Statement) h).executeQuery("select 1")),
            new Call("executeUpdate(sql)", Expect.THROW_CLOSED, h -> ((Statement) h).executeUpdate("update t")),
            new Call("execute(sql)", Expect.THROW_CLOSED, h -> ((Statement) h).execute("select 1")),
            new Call("getResultSet()", Expect.THROW_CLOSED, h -> ((Statement) h).getResultSet()),
            new Call("getMaxRows()", Expect.THROW_CLOSED, h -> ((Statement) h).getMaxRows()),
            act("setFetchSize(10)", Expect.THROW_CLOSED, h -> ((Statement) h).setFetchSize(10)),
            new Call("getConnection()", Expect.THROW_CLOSED, h -> ((Statement) h).getConnection()),
            new Call("isClosed()", Expect.TRUE, h -> ((Statement) h).isClosed()),
            act("close()", Expect.NOTHING, h -> ((Statement) h).close()));

    private static final List<Call> PREPARED = List.of(
            new Call("executeQuery()", Expect.THROW_CLOSED, h -> ((PreparedStatement) h).executeQuery()),
            new Call("executeUpdate()", Expect.THROW_CLOSED, h -> ((PreparedStatement) h).executeUpdate()),
            act("setInt(1, 1)", Expect.THROW_CLOSED, h -> ((PreparedStatement) h).setInt(1, 1)),
            act("clearParameters()", Expect.THROW_CLOSED, h -> ((PreparedStatement) h).clearParameters()),
            new Call("isClosed()", Expect.TRUE, h -> ((PreparedStatement) h).isClosed()),
            act("close()", Expect.NOTHING, h -> ((PreparedStatement) h).close()));

    private static final List<Call> RESULT_SET = List.of(
            new Call("next()", Expect.THROW_CLOSED, h -> ((ResultSet) h).next()),
            new Call("getInt(1)", Expect.THROW_CLOSED, h -> ((ResultSet) h).getInt(1)),
            new Call("getString(1)", Expect.THROW_CLOSED, h -> ((ResultSet) h).getString(1)),
            new Call("getStatement()", Expect.THROW_CLOSED, h -> ((ResultSet) h).getStatement()),
            new Call("wasNull()", Expect.THROW_CLOSED, h -> ((ResultSet) h).wasNull()),
            new Call("isClosed()", Expect.TRUE, h -> ((ResultSet) h).isClosed()),
            act("close()", Expect.NOTHING, h -> ((ResultSet) h).close()));

    private static final List<Call> META_DATA = List.of(
            new Call("getTables(...)", Expect.THROW_CLOSED, h -> ((DatabaseMetaData) h).getTables(null, null, "%", null)),
            new Call("getColumns(...)", Expect.THROW_CLOSED, h -> ((DatabaseMetaData) h).getColumns(null, null, "t", "%")),
            new Call("getURL()", Expect.THROW_CLOSED, h -> ((DatabaseMetaData) h).getURL()),
            new Call("getUserName()", Expect.THROW_CLOSED, h -> ((DatabaseMetaData) h).getUserName()),
            new Call("getDatabaseProductName()", Expect.THROW_CLOSED, h -> ((DatabaseMetaData) h).getDatabaseProductName()),
            new Call("supportsTransactions()", Expect.THROW_CLOSED, h -> ((DatabaseMetaData) h).supportsTransactions()));

    /** The JDBC interface {@code handle} is used as, for messages. */
    static String kind(Object handle) {
        if (handle instanceof Connection) {
            return "Connection";
        } else if (handle instanceof PreparedStatement) {
            return "PreparedStatement";
        } else if (handle instanceof Statement) {
            return "Statement";
        } else if (handle instanceof ResultSet) {
            return "ResultSet";
        }
        return "DatabaseMetaData";
    }

    /** The calls to try on {@code handle}. */
    static List<Call> on(Object handle) {
        switch (kind(handle)) {
            case "Connection":
                return CONNECTION;
            case "PreparedStatement":
                return PREPARED;
            case "Statement":
                return STATEMENT;
            case "ResultSet":
                return RESULT_SET;
            default:
                return META_DATA;
        }
    }
}
