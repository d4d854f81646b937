package io.credpool.internal.pool;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The driver's side of {@link Wrapper#unwrap} and {@link Wrapper#isWrapperFor} for every proxy: a
 * proxy answers for its own interfaces, then, while the lease lasts, lets the borrower reach the
 * driver's object it holds, or whatever that one wraps.
 */
final class Wrappers {

    private Wrappers() {
    }

    static <T> T unwrap(Wrapper raw, Class<T> iface) throws SQLException {
        return iface.isInstance(raw) ? iface.cast(raw) : raw.unwrap(iface);
    }

    static boolean isWrapperFor(Wrapper raw, Class<?> iface) throws SQLException {
        return iface.isInstance(raw) || raw.isWrapperFor(iface);
    }
}
