package io.credpool.testkit;

/**
 * Quoting for the few statements the harness builds from strings (DDL takes no bind parameters).
 *
 * <p>Literals follow {@code standard_conforming_strings = on}, which every {@link PgCluster} sets:
 * inside {@code '...'} only the quote itself is special, and it is doubled; backslashes and any
 * Unicode pass through as they are.
 */
final class SqlText {

    private SqlText() {
    }

    /**
     * @param value any text without NUL characters
     * @return {@code value} as a single-quoted SQL string literal
     * @throws IllegalArgumentException if {@code value} contains NUL, which PostgreSQL text cannot hold
     */
    static String literal(String value) {
        return "'" + checked(value, "literal").replace("'", "''") + "'";
    }

    /**
     * @param name a role, database or table name, used verbatim (case is kept)
     * @return {@code name} as a double-quoted SQL identifier
     * @throws IllegalArgumentException if {@code name} is empty or contains NUL
     */
    static String identifier(String name) {
        if (checked(name, "identifier").isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String checked(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("an SQL " + what + " cannot be null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL " + what + " cannot contain a NUL character");
        }
        return value;
    }
}
