package io.credpool.examples;

import io.credpool.Database;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data-seeding script: fills the {@code users} table, then lets go of the database.
 *
 * <p>A script is not a service: it should leave no connection open behind it, even when it
 * fails. {@link Database#disconnect()} in {@code finally} closes the shared pool gracefully, and
 * does nothing if the pool was never built.
 */
public final class SeedUsers {

    /** The users the script creates. */
    static final List<String[]> USERS = List.of(
            new String[] {"Ada Lovelace", "ada@example.com"},
            new String[] {"Grace Hopper", "grace@example.com"},
            new String[] {"Edsger Dijkstra", "edsger@example.com"},
            new String[] {"Barbara Liskov", "barbara@example.com"},
            new String[] {"Donald Knuth", "don@example.com"});

    private SeedUsers() {
    }

    /** Seeds the database the environment configures. */
    public static void main(String[] args) throws SQLException {
        try {
            int n = seed(Database.shared());
            System.out.println("Seeded " + n + " users");
        } finally {
            Database.disconnect();
        }
    }

    /** Creates the table if needed and upserts {@link #USERS}; returns how many. */
    static int seed(DataSource dataSource) throws SQLException {
        UserRepository users = new UserRepository(dataSource);
        users.createTable();
        for (String[] u : USERS) {
            users.create(u[0], u[1]);
        }
        return USERS.size();
    }
}
