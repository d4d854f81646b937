package io.credpool.testkit.stub;

import java.sql.SQLException;

/**
 * The listener and fault of one database, in one immutable object so that a driver call needs a
 * single volatile read to learn that there are none.
 */
record Hooks(StubCallListener listener, StubFault fault) {

    /** Hooks with {@code listener} replaced; {@code null} when nothing is left. */
    static Hooks withListener(Hooks current, StubCallListener listener) {
        StubFault fault = current == null ? null : current.fault;
        return listener == null && fault == null ? null : new Hooks(listener, fault);
    }

    /** Hooks with {@code fault} replaced; {@code null} when nothing is left. */
    static Hooks withFault(Hooks current, StubFault fault) {
        StubCallListener listener = current == null ? null : current.listener;
        return listener == null && fault == null ? null : new Hooks(listener, fault);
    }

    /** Tells the listener, then runs the fault; what the fault throws passes through unchanged. */
    void run(String call, StubConnection connection) {
        if (listener != null) {
            listener.called(call, connection, Thread.currentThread());
        }
        if (fault != null) {
            try {
                fault.inject(call, connection);
            } catch (Throwable t) {
                throw Hooks.<RuntimeException>passThrough(t);
            }
        }
    }

    /** {@code Wrapper.unwrap} of a stub object, which wraps nothing: itself, when it is an {@code iface}. */
    static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    /** Throws {@code t} as it is, checked or not: the compiler is told it is a {@code T}. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T passThrough(Throwable t) throws T {
        throw (T) t;
    }
}
