package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The administrative helpers tests use to set up roles and databases and to watch sessions. */
class PgClusterAdminTest {

    private final PgCluster cluster = PgCluster.shared();

    @Test
    void createDatabaseIsOwnedByTheRoleAndReachableByName() throws SQLException {
        String role = Jdbc.uniqueName("owner");
        String database = Jdbc.uniqueName("app");
        cluster.createRole(role, "secret");
        cluster.createDatabase(database, role);

        try (Connection connection = Jdbc.connect(cluster.jdbcUrl(database), role, "secret")) {
            assertEquals(database, Jdbc.queryString(connection, "SELECT current_database()"));
            assertEquals(role, Jdbc.queryString(connection,
                    "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        }
    }

    @Test
    void countBackendsSeesOpenSessionsAndTerminateBackendsEndsThem() throws SQLException {
        String role = Jdbc.uniqueName("counted");
        cluster.createRole(role, "secret");
        List<Connection> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sessions.add(Jdbc.connect(cluster.jdbcUrl("postgres"), role, "secret"));
            }
            assertEquals(3, cluster.countBackends(role));

            assertEquals(3, cluster.terminateBackends(role));

            assertEquals(0, cluster.countBackends(role));
            SQLException terminated = assertThrows(SQLException.class, () -> Jdbc.queryString(sessions.get(0), "SELECT 1"));
            assertEquals("57P01", terminated.getSQLState(), terminated::toString);
        } finally {
            for (Connection session : sessions) {
                session.close();
            }
        }
    }

    @Test
    void closedSessionsLeaveTheCount() throws SQLException, InterruptedException {
        String role = Jdbc.uniqueName("closing");
        cluster.createRole(role, "secret");
        Jdbc.connect(cluster.jdbcUrl("postgres"), role, "secret").close();

        // A backend exits shortly after its client says goodbye: wait for it, with a deadline.
        Poll.eventually(Duration.ofSeconds(10), "the backend of " + role + " to exit", () -> cluster.countBackends(role) == 0);
    }

    @Test
    void quotedIdentifiersKeepCaseAndQuotes() throws SQLException {
        String role = "Mixed \"Case\" " + Jdbc.uniqueName("r");
        cluster.createRole(role, "secret");

        try (Connection connection = Jdbc.connect(cluster.jdbcUrl("postgres"), role, "secret")) {
            assertEquals(role, Jdbc.queryString(connection, "SELECT current_user"));
        }
    }

    @Test
    void adminFailuresNameTheStatementButNotThePassword() {
        String role = Jdbc.uniqueName("dup");
        cluster.createRole(role, "first-secret");

        PgClusterException failure = assertThrows(PgClusterException.class, () -> cluster.createRole(role, "second-secret"));
        assertEquals(-1, failure.getMessage().indexOf("second-secret"), failure.getMessage());
        assertEquals(true, failure.getMessage().contains("CREATE ROLE " + role), failure.getMessage());
    }
}
