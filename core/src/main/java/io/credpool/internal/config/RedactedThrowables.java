package io.credpool.internal.config;

import io.credpool.CredentialException;
import java.sql.BatchUpdateException;
import java.sql.SQLClientInfoException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.SQLWarning;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of exceptions whose messages are masked with {@link Redact#text}: a JDBC driver that
 * echoes its connection properties puts the password in its message, and every stack trace
 * prints the messages of all causes. Used through {@link Redact#exception(SQLException, String...)}.
 *
 * <p>Nothing that shows no secret is copied: such an exception is returned as it is. A copy keeps
 * the SQLState, the vendor code, the stack trace, the cause, the next exceptions and the
 * suppressed ones (each of them copied the same way when it shows a secret), and the type as far
 * as the JDK can make it: the original's {@code java.sql} class, or for a driver's own class its
 * nearest {@code java.sql} superclass, so {@code instanceof SQLTransientConnectionException} and
 * friends still hold. Other exceptions become a {@link RuntimeException} that prints as the
 * original's class name.
 */
final class RedactedThrowables {

    /** Chains longer than this are cut: what lies beyond is replaced by one masked placeholder. */
    private static final int MAX_DEPTH = 64;

    private interface SqlFactory {
        SQLException make(String message, String sqlState, int vendorCode);
    }

    private record Kind(Class<? extends SQLException> type, SqlFactory factory) {
    }

    /** Most specific first: the first that the original is an instance of is the copy's type. */
    private static final List<Kind> KINDS = List.of(
            new Kind(SQLTransientConnectionException.class, SQLTransientConnectionException::new),
            new Kind(SQLTimeoutException.class, SQLTimeoutException::new),
            new Kind(SQLTransactionRollbackException.class, SQLTransactionRollbackException::new),
            new Kind(SQLTransientException.class, SQLTransientException::new),
            new Kind(SQLNonTransientConnectionException.class, SQLNonTransientConnectionException::new),
            new Kind(SQLInvalidAuthorizationSpecException.class, SQLInvalidAuthorizationSpecException::new),
            new Kind(SQLSyntaxErrorException.class, SQLSyntaxErrorException::new),
            new Kind(SQLDataException.class, SQLDataException::new),
            new Kind(SQLFeatureNotSupportedException.class, SQLFeatureNotSupportedException::new),
            new Kind(SQLIntegrityConstraintViolationException.class, SQLIntegrityConstraintViolationException::new),
            new Kind(SQLNonTransientException.class, SQLNonTransientException::new),
            new Kind(SQLRecoverableException.class, SQLRecoverableException::new),
            new Kind(SQLWarning.class, SQLWarning::new),
            new Kind(SQLException.class, SQLException::new));

    private final String[] secrets;
    private final Map<Throwable, Boolean> shows = new IdentityHashMap<>();
    private final Map<Throwable, Throwable> copies = new IdentityHashMap<>();

    private RedactedThrowables(String[] secrets) {
        this.secrets = secrets;
    }

    /** {@code t}, or its masked copy: an SQLException stays one, an unchecked exception stays unchecked. */
    static Throwable copy(Throwable t, String... secrets) {
        return new RedactedThrowables(secrets).copy(t, 0);
    }

    private Throwable copy(Throwable t, int depth) {
        if (t == null || !shows(t, 0)) {
            return t;
        }
        Throwable done = copies.get(t);
        if (done != null) {
            return done;
        }
        if (depth > MAX_DEPTH) {
            return create(t, Redact.MASK + " (a chain of more than " + MAX_DEPTH + " exceptions, cut here)");
        }
        Throwable c = create(t, Redact.text(t.getMessage(), secrets));
        copies.put(t, c);
        c.setStackTrace(t.getStackTrace());
        if (t.getCause() != null) {
            c.initCause(copy(t.getCause(), depth + 1));
        }
        if (t instanceof SQLException && ((SQLException) t).getNextException() != null) {
            ((SQLException) c).setNextException((SQLException) copy(((SQLException) t).getNextException(), depth + 1));
        }
        for (Throwable s : t.getSuppressed()) {
            c.addSuppressed(copy(s, depth + 1));
        }
        return c;
    }

    /** Whether {@code t} or anything chained to it shows a secret in its message or {@code toString()}. */
    private boolean shows(Throwable t, int depth) {
        Boolean known = shows.get(t);
        if (known != null) {
            return known;
        }
        shows.put(t, false);
        boolean result = depth > MAX_DEPTH || Redact.showsSecret(t.getMessage(), secrets)
                || Redact.showsSecret(t.toString(), secrets)
                || t.getCause() != null && shows(t.getCause(), depth + 1)
                || t instanceof SQLException && ((SQLException) t).getNextException() != null
                        && shows(((SQLException) t).getNextException(), depth + 1);
        for (Throwable s : t.getSuppressed()) {
            result |= shows(s, depth + 1);
        }
        shows.put(t, result);
        return result;
    }

    /** A new exception of {@code t}'s kind with {@code message}, and no cause yet. */
    private static Throwable create(Throwable t, String message) {
        if (!(t instanceof SQLException)) {
            return new Masked(t.getClass().getName(), message);
        }
        SQLException e = (SQLException) t;
        if (e instanceof CredentialException) {
            return new CredentialException(message);
        }
        if (e instanceof BatchUpdateException) {
            return new BatchUpdateException(message, e.getSQLState(), e.getErrorCode(),
                    ((BatchUpdateException) e).getUpdateCounts());
        }
        if (e instanceof SQLClientInfoException) {
            return new SQLClientInfoException(message, e.getSQLState(), e.getErrorCode(),
                    ((SQLClientInfoException) e).getFailedProperties());
        }
        for (Kind kind : KINDS) {
            if (kind.type().isInstance(e)) {
                return kind.factory().make(message, e.getSQLState(), e.getErrorCode());
            }
        }
        throw new AssertionError("every SQLException is an SQLException");
    }

    /** The masked copy of an exception that is not an SQLException; prints as the original's class. */
    private static final class Masked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        Masked(String type, String message) {
            super(message);
            this.type = type;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? type : type + ": " + message;
        }
    }
}
