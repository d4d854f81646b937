package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The testkit's PgBouncer: SCRAM logins, transaction pooling, restarts, and no process left behind. */
class PgBouncerTest {

    @Test
    void logsInWithScramPoolsPerTransactionSurvivesARestartAndStopsWithItsCluster() throws Exception {
        Process bouncerProcess;
        try (PgCluster cluster = PgCluster.create()) {
            String role = Jdbc.uniqueName("bounced");
            cluster.createRole(role, "s3cret");
            cluster.createDatabase(role, role);
            PgBouncer bouncer = cluster.pgBouncer(1, role);
            assertNotEquals(cluster.port(), bouncer.port());
            bouncerProcess = bouncer.process();

            try (Connection a = Jdbc.connect(bouncer.jdbcUrl(role), role, "s3cret", "prepareThreshold", "0");
                 Connection b = Jdbc.connect(bouncer.jdbcUrl(role), role, "s3cret", "prepareThreshold", "0")) {
                assertEquals(role, Jdbc.queryString(a, "SELECT current_user"));
                // Two clients, one server connection (default_pool_size 1): they share a backend.
                assertEquals(Jdbc.queryString(a, "SELECT pg_backend_pid()"), Jdbc.queryString(b, "SELECT pg_backend_pid()"));
                assertEquals(1, cluster.countBackends(role));
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> Jdbc.connect(bouncer.jdbcUrl(role), role, "wrong").close());
            assertEquals("08P01", refused.getSQLState(), refused::toString); // PgBouncer's own refusal

            int port = bouncer.port();
            bouncer.restart();
            assertEquals(port, bouncer.port());
            try (Connection c = Jdbc.connect(bouncer.jdbcUrl(role), role, "s3cret", "prepareThreshold", "0")) {
                assertEquals("1", Jdbc.queryString(c, "SELECT 1"));
            }
            assertTrue(Files.readString(bouncer.logFile()).contains("process up"), "PgBouncer logs to its file");
            if (NonRootLauncher.runningAsRoot()) { // PgBouncer refuses root too: it runs as uid 65534 in a user namespace
                String uidMap = Files.readString(Path.of("/proc", Long.toString(bouncer.process().pid()), "uid_map")).trim();
                assertTrue(uidMap.startsWith("65534 "), uidMap);
            }
            bouncerProcess = bouncer.process();
        }
        assertFalse(bouncerProcess.isAlive(), "closing the cluster stops its PgBouncer");
    }
}
