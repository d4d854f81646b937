package io.credpool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

    @Test
    void connectionExceptionsAndServerShutdownsAreFatal() {
        for (String state : new String[] {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03"}) {
            assertTrue(SqlStates.isFatal(new SQLException("x", state)), state);
        }
        for (String state : new String[] {null, "23505", "40001", "57014", "28P01", "57P", "57P06", "57000"}) {
            assertFalse(SqlStates.isFatal(new SQLException("x", state)), String.valueOf(state));
        }
        assertTrue(SqlStates.isFatal(new SQLException("outer", "XX000", new SQLException("inner", "08006"))));
    }

    @Test
    void aDroppedDatabaseOrAnIdleSessionTimeoutEndsTheSession() {
        assertTrue(SqlStates.isFatal(new SQLException("terminating connection due to idle-session timeout", "57P05")));
        assertTrue(SqlStates.isFatal(new SQLException("terminating connection: database dropped", "57P04")));
        assertTrue(SqlStates.isFatal(new SQLException("outer", "XX000", new SQLException("inner", "57P05"))));
    }

    @Test
    void authenticationFailuresAreFoundAnywhereInTheCauseChain() {
        assertTrue(SqlStates.isAuthenticationFailure(new SQLException("x", "28P01")));
        assertTrue(SqlStates.isAuthenticationFailure(new SQLException("x", "28000")));
        assertTrue(SqlStates.isAuthenticationFailure(
                new SQLException("wrapped", "08001", new RuntimeException(new SQLException("x", "28P01")))));
        SQLException chained = new SQLException("first", "08001");
        chained.setNextException(new SQLException("next", "28000"));
        assertTrue(SqlStates.isAuthenticationFailure(chained));
        assertFalse(SqlStates.isAuthenticationFailure(new SQLException("x", "08001")));
    }
}
