package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Roles on a harness cluster authenticate with SCRAM-SHA-256 passwords, exactly as in production. */
class PgClusterAuthenticationTest {

    private static final String AWKWARD_PASSWORD = "p@ss:w/rd?#%&= +ü€";
    private static final String NASTIER_PASSWORD = "it's \"quoted\" \\ back\\slash ü€ 😀 '' \\' $$ ; --";
    private static final String INVALID_PASSWORD = "28P01";

    private final PgCluster cluster = PgCluster.shared();

    @Test
    void roleWithAwkwardPasswordLogsInOverScram() throws SQLException {
        String role = Jdbc.uniqueName("scram");
        cluster.createRole(role, AWKWARD_PASSWORD);

        try (Connection connection = Jdbc.connect(cluster.jdbcUrl("postgres"), role, AWKWARD_PASSWORD)) {
            assertEquals(role, Jdbc.queryString(connection, "SELECT current_user"));
        }
    }

    @Test
    void wrongPasswordIsRejectedWith28P01() {
        String role = Jdbc.uniqueName("scram");
        cluster.createRole(role, AWKWARD_PASSWORD);

        SQLException failure = assertThrows(SQLException.class,
                () -> Jdbc.connect(cluster.jdbcUrl("postgres"), role, AWKWARD_PASSWORD + "x").close());
        assertEquals(INVALID_PASSWORD, failure.getSQLState(), failure::toString);
    }

    @Test
    void passwordsAreStoredAsScramVerifiersAndEveryHbaRuleRequiresScram() throws SQLException {
        String role = Jdbc.uniqueName("scram");
        cluster.createRole(role, AWKWARD_PASSWORD);

        try (Connection connection = cluster.superuserConnection()) {
            assertEquals("scram-sha-256", Jdbc.queryString(connection, "SHOW password_encryption"));
            try (PreparedStatement statement = connection.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
                statement.setString(1, role);
                try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next(), "role " + role + " exists");
                    assertTrue(rows.getString(1).startsWith("SCRAM-SHA-256$"), "a SCRAM verifier, not md5 or plain text");
                }
            }
            assertEquals("0", Jdbc.queryString(connection,
                    "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256' OR error IS NOT NULL"));
            assertFalse(Jdbc.queryString(connection, "SELECT count(*) FROM pg_hba_file_rules").equals("0"));
        }
    }

    @Test
    void changedPasswordIsRequiredForNewConnectionsWhileOpenSessionsCarryOn() throws SQLException {
        String role = Jdbc.uniqueName("rotated");
        cluster.createRole(role, AWKWARD_PASSWORD);
        String url = cluster.jdbcUrl("postgres");

        try (Connection before = Jdbc.connect(url, role, AWKWARD_PASSWORD)) {
            cluster.changePassword(role, NASTIER_PASSWORD);

            try (Connection after = Jdbc.connect(url, role, NASTIER_PASSWORD)) {
                assertEquals(role, Jdbc.queryString(after, "SELECT current_user"));
            }
            SQLException oldPassword = assertThrows(SQLException.class, () -> Jdbc.connect(url, role, AWKWARD_PASSWORD).close());
            assertEquals(INVALID_PASSWORD, oldPassword.getSQLState(), oldPassword::toString);
            assertEquals("1", Jdbc.queryString(before, "SELECT 1"), "a session opened before the change still works");
        }
    }
}
