package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Starting, stopping, restarting, crashing and closing a cluster of one's own. */
class PgClusterLifecycleTest {

    @Test
    void restartKeepsThePortAndTheData() throws SQLException {
        try (PgCluster cluster = PgCluster.create()) {
            int port = cluster.port();
            try (Connection connection = Jdbc.superuser(cluster, "postgres")) {
                Jdbc.execute(connection, "CREATE TABLE kept (v text)");
                Jdbc.execute(connection, "INSERT INTO kept VALUES ('survives restart')");
            }
            long oldPid = cluster.postmasterPid();
            try (Connection open = Jdbc.superuser(cluster, "postgres")) {
                cluster.restart();

                assertEquals(port, cluster.port());
                assertTrue(cluster.postmasterPid() != oldPid, "a new postmaster");
                SQLException dropped = assertThrows(SQLException.class, () -> Jdbc.queryString(open, "SELECT 1"));
                assertTrue(dropped.getSQLState().startsWith("57P") || dropped.getSQLState().startsWith("08"),
                        "a session from before the restart is gone: " + dropped);
            }
            try (Connection connection = Jdbc.superuser(cluster, "postgres")) {
                assertEquals("survives restart", Jdbc.queryString(connection, "SELECT v FROM kept"));
            }
        }
    }

    @Test
    void stopRefusesConnectionsUntilStart() throws SQLException {
        try (PgCluster cluster = PgCluster.create()) {
            cluster.stop();

            assertFalse(cluster.isRunning());
            SQLException refused = assertThrows(SQLException.class, () -> Jdbc.superuser(cluster, "postgres").close());
            assertEquals("08001", refused.getSQLState(), refused::toString);

            cluster.start();
            try (Connection connection = Jdbc.superuser(cluster, "postgres")) {
                assertEquals("1", Jdbc.queryString(connection, "SELECT 1"));
            }
        }
    }

    @Test
    void kill9ThenStartRecoversCommittedData() throws SQLException, IOException {
        try (PgCluster cluster = PgCluster.create()) {
            try (Connection connection = Jdbc.superuser(cluster, "postgres")) {
                Jdbc.execute(connection, "CREATE TABLE committed (v text)");
                Jdbc.execute(connection, "INSERT INTO committed VALUES ('before the crash')");
            }
            ProcessHandle postmaster = ProcessHandle.of(cluster.postmasterPid()).orElseThrow();
            try (Connection open = Jdbc.superuser(cluster, "postgres")) {
                cluster.kill9();

                assertTrue(Signals.isGone(postmaster), "the postmaster is dead");
                assertFalse(cluster.isRunning());
                SQLException reset = assertThrows(SQLException.class, () -> Jdbc.queryString(open, "SELECT 1"));
                assertTrue(reset.getSQLState().startsWith("08"), reset::toString);
            }

            cluster.start();

            try (Connection connection = Jdbc.superuser(cluster, "postgres")) {
                assertEquals("before the crash", Jdbc.queryString(connection, "SELECT v FROM committed"));
            }
            assertTrue(Files.readString(cluster.logFile()).contains("not properly shut down"),
                    "the server ran crash recovery");
        }
    }

    @Test
    void closeStopsTheServerAndDeletesEverything() {
        PgCluster cluster = PgCluster.create();
        ProcessHandle postmaster = ProcessHandle.of(cluster.postmasterPid()).orElseThrow();
        Path base = cluster.dataDirectory().getParent();

        cluster.close();
        cluster.close(); // idempotent

        assertTrue(Signals.isGone(postmaster), "close() returns after the postmaster exited");
        assertFalse(Files.exists(base), base + " is deleted");
        assertThrows(IllegalStateException.class, cluster::start);
    }

    @Test
    void sharedIsOneRunningClusterPerJvmAndComesBackAfterAStop() {
        PgCluster shared = PgCluster.shared();
        assertSame(shared, PgCluster.shared());
        assertTrue(shared.isRunning());

        shared.stop();
        assertSame(shared, PgCluster.shared());
        assertTrue(shared.isRunning(), "shared() restarts a stopped shared cluster");
    }

    @Test
    void startAndStopAreIdempotentAndKill9NeedsARunningServer() {
        try (PgCluster cluster = PgCluster.create()) {
            long pid = cluster.postmasterPid();
            cluster.start();
            assertEquals(pid, cluster.postmasterPid());

            cluster.stop();
            cluster.stop();
            assertThrows(IllegalStateException.class, cluster::kill9);
            assertThrows(IllegalStateException.class, cluster::postmasterPid);
        }
    }

    @Test
    void postmasterRunsAsNonRootEvenWhenTheJvmIsRoot() throws SQLException {
        PgCluster cluster = PgCluster.shared();
        try (Connection connection = cluster.superuserConnection()) {
            // pg_read_file needs superuser; /proc/self/status of the backend shows the uid it runs as
            String status = Jdbc.queryString(connection, "SELECT pg_read_file('/proc/self/status')");
            String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
            assertFalse(uidLine.split("\\s+")[2].equals("0"), "effective uid inside the server: " + uidLine);
        }
    }
}
