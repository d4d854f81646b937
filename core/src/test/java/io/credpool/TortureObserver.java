package io.credpool;

import io.credpool.TortureViolations.Kind;
import io.credpool.testkit.stub.StubCallListener;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The torture round's model of who holds which physical connection, kept up to date by the
 * borrowers and checked against every call that reaches the stub driver.
 *
 * <p><b>Ownership.</b> A borrower puts the physical connection behind each borrowed one into
 * {@link #owners} ({@code putIfAbsent}: finding it there already is a double lend), and removes
 * it before it gives the connection back, so that a correct pool can never lend it again while
 * it is still in the map.
 *
 * <p><b>Calls.</b> The listener flags a driver call that comes from a harness thread using a
 * stale handle; a call on a lent connection from a harness thread other than its borrower; and,
 * until the pool starts closing (when it may abort lent connections), a call on a lent
 * connection from any other thread. It also records every connection the pool tried to close
 * or abort: a connection the pool tried to close is no longer the pool's, even when the driver's
 * close failed or hung and the stub still counts it open.
 */
final class TortureObserver implements StubCallListener {

    /** One borrow, from {@code getConnection()} until the borrower gives it back. */
    static final class Lease {
        final Connection proxy;
        /** The driver's connection behind it; {@code null} when not looked up. */
        final StubConnection physical;
        final Thread owner;
        final long borrowedAt = System.nanoTime();
        /** Statements, result sets and metadata kept open, to use once the connection is back. */
        final List<Object> kept = new ArrayList<>();

        Lease(Connection proxy, StubConnection physical, Thread owner) {
            this.proxy = proxy;
            this.physical = physical;
            this.owner = owner;
        }

        @Override
        public String toString() {
            return "the borrow by " + owner.getName() + " "
                    + TortureViolations.millis(borrowedAt, System.nanoTime()) + " ms ago";
        }
    }

    final ConcurrentMap<StubConnection, Lease> owners = new ConcurrentHashMap<>();
    private final Set<StubConnection> closeAttempted = ConcurrentHashMap.newKeySet();
    private final TortureViolations violations;
    private volatile boolean poolClosing;

    TortureObserver(TortureViolations violations) {
        this.violations = violations;
    }

    /** From now on the pool may abort lent connections: pool.close() is being called. */
    void poolClosing() {
        poolClosing = true;
    }

    /** Whether the pool ever called close() or abort() on {@code c}. */
    boolean closeAttempted(StubConnection c) {
        return closeAttempted.contains(c);
    }

    /** Records that the calling borrower holds {@code lease}; a violation when someone else still does. */
    void borrowed(Lease lease) {
        if (lease.physical == null) {
            return;
        }
        Lease previous = owners.putIfAbsent(lease.physical, lease);
        if (previous != null) {
            violations.add(Kind.DOUBLE_LEND, "getConnection() on " + lease.owner.getName() + " returned "
                    + lease.physical + ", which " + previous + " still holds (not given back yet)");
        }
    }

    /** The borrower is about to give {@code lease} back: from now on the pool may lend it again. */
    void givingBack(Lease lease) {
        if (lease.physical != null) {
            owners.remove(lease.physical, lease);
        }
    }

    @Override
    public void called(String call, StubConnection connection, Thread thread) {
        if (connection != null && (call.equals("Connection.close") || call.equals("Connection.abort"))) {
            closeAttempted.add(connection);
        }
        TortureContext context = TortureContext.current();
        if (context != null && context.stale != null) {
            violations.add(Kind.STALE_REACHED_DRIVER, context.stale + " on " + thread.getName()
                    + " reached the driver as " + call + " on " + connection + holder(connection) + "\n" + stack());
        }
        if (connection == null || context != null && context.stale != null) {
            return; // a stale call that got through is reported as such, once
        }
        Lease owner = owners.get(connection);
        if (owner == null || owner.owner == thread) {
            return;
        }
        if (context != null) {
            violations.add(Kind.FOREIGN_CALL, thread.getName() + " called " + call + " on " + connection
                    + ", which is lent to " + owner + "\n" + stack());
        } else if (!poolClosing) {
            violations.add(Kind.FOREIGN_CALL, "pool thread " + thread.getName() + " called " + call + " on "
                    + connection + " while it is lent to " + owner + "\n" + stack());
        }
    }

    private String holder(StubConnection connection) {
        Lease owner = connection == null ? null : owners.get(connection);
        return owner == null ? "" : ", which is now lent to " + owner;
    }

    private static String stack() {
        StringBuilder b = new StringBuilder("stack:");
        StackTraceElement[] frames = Thread.currentThread().getStackTrace();
        for (int i = 3; i < Math.min(frames.length, 18); i++) {
            b.append("\n  at ").append(frames[i]);
        }
        return b.toString();
    }
}
