package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command (its {@code java} part; CI runs the whole line, Maven build
 * included, after the tests): on a throwaway PostgreSQL when {@code DATABASE_URL} is unset, on
 * the configured database when it is set.
 */
class QuickstartTest {

    /** The part of the README's demo command after the build. */
    static String javaPart() {
        String demo = Readme.command("io.credpool.examples.Quickstart");
        assertTrue(demo.startsWith("mvn -B -ntp -q -pl examples -am package -DskipTests && "), demo);
        return demo.substring(demo.lastIndexOf("&&") + 2).strip();
    }

    @Test
    void withoutDatabaseUrlTheDemoStartsItsOwnPostgresql() {
        Shell.Result r = Shell.run(javaPart(), Map.of(), Duration.ofSeconds(90));
        assertEquals(0, r.status(), r.output());
        assertInOrder(r.output(),
                "credpool quickstart",
                "DATABASE_URL is not set: starting a throwaway PostgreSQL for this demo",
                "Development environment detected, using database-url (DATABASE_URL is set)",
                "Database connection established successfully",
                "table:     users is ready",
                "create:    User[id=1, name=Ada Lovelace, email=ada@example.com]",
                "findById:  User[id=2, name=Grace Hopper, email=grace@example.com]",
                "findAll:   3 users",
                "lookups:   200 findById calls from 16 threads",
                "stats:     PoolStats[total=",
                "Pool closed gracefully",
                "Throwaway PostgreSQL stopped and deleted");
    }

    @Test
    void withDatabaseUrlTheDemoUsesThatDatabase() throws Exception {
        TestDb db = TestDb.create("demo");
        Shell.Result r = Shell.run(javaPart(), Map.of("DATABASE_URL", db.url() + "?connection_limit=3"), Duration.ofSeconds(60));
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Using the database the environment configures"), r.output());
        assertFalse(r.output().contains("throwaway"), r.output());
        assertTrue(r.output().contains("stats:     PoolStats[total="), r.output());
        assertFalse(db.leaks(r.output()), r.output());
        assertEquals(3, db.count("SELECT count(*) FROM users"));
        assertEquals(0, db.backends(), "the pool was closed");

        // Running it again against the same database is harmless.
        assertEquals(0, Shell.run(javaPart(), Map.of("DATABASE_URL", db.url()), Duration.ofSeconds(60)).status());
        assertEquals(3, db.count("SELECT count(*) FROM users"));
    }

    static void assertInOrder(String output, String... expected) {
        int from = 0;
        for (String e : expected) {
            int at = output.indexOf(e, from);
            assertTrue(at >= 0, () -> "expected <" + e + "> after position in:\n" + output);
            from = at + e.length();
        }
    }
}
