package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Literals and identifiers built by the harness mean exactly the text they were built from. */
class SqlTextTest {

    @Test
    void literalDoublesQuotesAndLeavesBackslashesAlone() {
        assertEquals("'it''s a \\ test'", SqlText.literal("it's a \\ test"));
    }

    @Test
    void identifierDoublesDoubleQuotes() {
        assertEquals("\"a\"\"b\"", SqlText.identifier("a\"b"));
    }

    @Test
    void nulAndEmptyAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SqlText.literal("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> SqlText.identifier(""));
        assertThrows(IllegalArgumentException.class, () -> SqlText.identifier("a\0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "''", "back\\slash\\", "\\'", "p@ss:w/rd?#%&= +ü€", "😀 emoji", "$$dollar$$",
        "{fn now()}", "?", "-- comment", "/* c */", "new\nline\ttab", "E'x'"})
    void literalRoundTripsThroughTheServer(String text) throws SQLException {
        try (Connection connection = PgCluster.shared().superuserConnection(); Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            try (ResultSet rows = statement.executeQuery("SELECT " + SqlText.literal(text) + " AS " + SqlText.identifier(text))) {
                rows.next();
                assertEquals(text, rows.getString(1));
                assertEquals(text, rows.getMetaData().getColumnLabel(1));
            }
        }
    }
}
