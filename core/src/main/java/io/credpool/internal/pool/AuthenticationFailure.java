package io.credpool.internal.pool;

import java.sql.SQLInvalidAuthorizationSpecException;

/**
 * The database rejected the login twice: with the credentials the source held, and with fresh
 * ones fetched after {@code invalidate()}. Retrying on a schedule would not help, so the pool
 * fails fast with this.
 */
final class AuthenticationFailure extends SQLInvalidAuthorizationSpecException {
    private static final long serialVersionUID = 1L;

    AuthenticationFailure(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
