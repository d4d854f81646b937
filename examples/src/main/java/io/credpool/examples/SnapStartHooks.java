package io.credpool.examples;

import io.credpool.ConnectionPool;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Suspends a pool before a CRaC checkpoint or an AWS Lambda SnapStart snapshot and resumes it
 * after the restore, so that no socket and no cached secret ends up in the snapshot, and every
 * restored copy opens connections of its own with fresh credentials.
 *
 * <pre>{@code
 * public final class UsersFunction {
 *     // Static: built in the init phase, which SnapStart snapshots; kept reachable, since the
 *     // CRaC context need not keep its resources alive.
 *     private static final SnapStartHooks HOOKS;
 *     static {
 *         try {
 *             HOOKS = SnapStartHooks.register(Database.shared());
 *         } catch (SQLException e) {
 *             throw new ExceptionInInitializerError(e);
 *         }
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>Needs {@code org.crac:crac} (on a JDK without CRaC its hooks are never called and the pool
 * simply keeps serving).
 */
public final class SnapStartHooks implements Resource {

    private final ConnectionPool pool;

    private SnapStartHooks(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Registers hooks for {@code pool} with the global CRaC context; keep the result reachable. */
    public static SnapStartHooks register(ConnectionPool pool) {
        SnapStartHooks hooks = new SnapStartHooks(pool);
        Core.getGlobalContext().register(hooks);
        return hooks;
    }

    /** Closes every connection and stops connecting: {@link ConnectionPool#suspend()}. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        pool.suspend();
    }

    /** Serves again, with new connections and credentials: {@link ConnectionPool#resume()}. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        pool.resume();
    }
}
