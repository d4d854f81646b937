package io.credpool.internal.pool;

import java.sql.SQLNonTransientConnectionException;

/**
 * A borrower used a connection, or one of its statements, result sets or metadata, after its lease
 * ended: "connection is closed", SQLState {@code 08003}, as JDBC asks.
 *
 * <p>A type of its own so that {@link ConnectionProxy#fail} can tell it from an {@code 08003}
 * raised by the driver, which would mean the physical connection is gone.
 */
final class LeaseClosedException extends SQLNonTransientConnectionException {

    private static final long serialVersionUID = 1L;

    LeaseClosedException() {
        super("connection is closed", "08003");
    }
}
