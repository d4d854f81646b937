package io.credpool.internal.pool;

import java.sql.SQLException;

/** What an SQLException's SQLState says about the connection that raised it. */
public final class SqlStates {

    private SqlStates() {
    }

    /**
     * Whether the connection is unusable: SQLState class {@code 08} (connection exception) or one
     * of PostgreSQL's {@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03}
     * cannot connect now, {@code 57P04} database dropped, {@code 57P05} idle session timeout: after
     * each of them the server has ended the session. Looks at the chained exceptions too.
     */
    static boolean isFatal(SQLException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = next(t), depth++) {
            if (t instanceof SQLException && endsSession(((SQLException) t).getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsSession(String state) {
        if (state == null) {
            return false;
        }
        if (state.startsWith("08")) {
            return true;
        }
        switch (state) {
            case "57P01":
            case "57P02":
            case "57P03":
            case "57P04":
            case "57P05":
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether a write was refused because the transaction is read-only: {@code 25006} anywhere in
     * the chain. On a connection its borrower did not make read-only, that means the server went
     * read-only (a writer demoted in a failover).
     */
    static boolean isReadOnlyTransaction(SQLException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = next(t), depth++) {
            if (t instanceof SQLException && "25006".equals(((SQLException) t).getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the database rejected the login: {@code 28P01} or {@code 28000} anywhere in the cause chain. */
    public static boolean isAuthenticationFailure(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = next(t), depth++) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if ("28P01".equals(state) || "28000".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof SQLException ? ((SQLException) t).getNextException() : null;
    }
}
