package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.testkit.stub.StubDriver;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The CRaC hooks suspend the pool before a checkpoint and resume it after the restore. */
class SnapStartHooksTest {

    @Test
    void beforeCheckpointSuspendsAndAfterRestoreResumes() throws Exception {
        String db = "db.example:5432/snapstart";
        try (ConnectionPool pool = ConnectionPool.builder().jdbcUrl("jdbc:stub://" + db).username("app")
                .password("secret").build()) {
            SnapStartHooks hooks = SnapStartHooks.register(pool);

            hooks.beforeCheckpoint(null);
            assertTrue(pool.isSuspended());
            assertEquals(0, StubDriver.behaviour(db).openConnections(), "no socket in the snapshot");

            hooks.afterRestore(null);
            assertFalse(pool.isSuspended());
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
    }
}
