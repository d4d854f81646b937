package io.credpool.internal.pool;

import java.sql.SQLException;

/**
 * A pool could not start: every attempt its {@code RetryPolicy} allows failed to open the first
 * connection. The cause is the last attempt's failure. A type, so that callers (the
 * {@code Doctor}) never need to recognise it by its message.
 */
public final class StartFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    StartFailure(String message, SQLException last) {
        super(message, "08001", last);
    }
}
