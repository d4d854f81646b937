package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import io.credpool.DatabaseConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seeding script leaves no connection behind: {@code Database.disconnect()} in {@code finally}. */
class SeedUsersTest {

    private static TestDb db;

    @BeforeAll
    static void createDatabase() {
        db = TestDb.create("seed");
    }

    @AfterEach
    void cleanUp() {
        Database.disconnect();
        System.clearProperty("DATABASE_URL");
        System.clearProperty("APP_ENV");
    }

    @Test
    void seedsThenDisconnects() throws Exception {
        // Environment.system() reads system properties like environment variables.
        System.setProperty("DATABASE_URL", db.url());
        System.setProperty("APP_ENV", "test");
        ConnectionPool shared = Database.shared();
        assertEquals(1, db.backends());

        SeedUsers.main(new String[0]);

        assertTrue(shared.isClosed(), "the script disconnected the shared pool");
        assertEquals(0, db.backends(), "no session left on the server");
        assertEquals(SeedUsers.USERS.size(), db.count("SELECT count(*) FROM users"));
        ConnectionPool next = Database.shared();
        assertNotSame(shared, next, "a later shared() builds a new pool");
    }

    @Test
    void disconnectsEvenWhenItFails() {
        System.setProperty("APP_ENV", "test"); // and no DATABASE_URL
        assertThrows(DatabaseConfigException.class, () -> SeedUsers.main(new String[0]));
        System.setProperty("DATABASE_URL", db.url());
        assertEquals(0, db.backends());
    }

    @Test
    void theReadmeCommandSeedsAndExits() throws Exception {
        Shell.Result r = Shell.run(Readme.command("io.credpool.examples.SeedUsers"), Map.of("DATABASE_URL", db.url()),
                Duration.ofSeconds(60));
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Seeded 5 users"), r.output());
        assertTrue(r.output().contains("Connection pool for 127.0.0.1:" + db.cluster().port() + "/" + db.name() + " closed"),
                r.output());
        assertFalse(db.leaks(r.output()), r.output());
        assertEquals(SeedUsers.USERS.size(), db.count("SELECT count(*) FROM users"));
    }
}
