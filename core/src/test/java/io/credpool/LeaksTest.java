package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubDriver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leaks of issue 10 that a value's toString() (what jshell echoes) used to show. */
class LeaksTest {

    private static void assertHides(Object value, String... secrets) {
        String shown = String.valueOf(value);
        for (String secret : secrets) {
            assertFalse(shown.contains(secret), () -> "shows '" + secret + "': " + shown);
        }
    }

    @Test
    void builderMasksAPasswordWithASlash() {
        ConnectionPool.Builder b = ConnectionPool.builder().jdbcUrl("jdbc:postgresql://app:pa/ss@db:5432/app");
        assertHides(b, "pa/ss", "ss@");
        assertEquals("ConnectionPool.Builder[jdbcUrl=jdbc:postgresql://app:****@db:5432/app]", b.toString());
    }

    @Test
    void builderMasksTheWholeUserinfoAndTheWholeQueryValue() {
        ConnectionPool.Builder b = ConnectionPool.builder().jdbcUrl("jdbc:postgresql://u:p@ss@h/db?password=ab;cd");
        assertHides(b, "p@ss", "ss@h", "ab;cd", ";cd");
        assertEquals("ConnectionPool.Builder[jdbcUrl=jdbc:postgresql://u:****@h/db?password=****]", b.toString());
    }

    @Test
    void dotenvMasksAQueryPasswordHoldingAnAt() {
        Map<String, String> env = Dotenv.parse("DATABASE_URL=jdbc:postgresql://localhost/app?user=app&password=s3cr@tPW\n"
                + "OTHER_URL=postgresql://localhost:5432/app?sslpassword=k3y@PW&ssl=true");
        assertHides(env, "s3cr", "tPW", "k3y", "@PW");
        assertTrue(env.toString().contains("jdbc:postgresql://localhost/app?user=app&password=****"), env::toString);
    }

    @Test
    void databaseConfigMasksAQueryPasswordHoldingAnAt() {
        StubDriver.register();
        DatabaseConfig c = new DatabaseConfig("jdbc:postgresql://db/app?password=s3cr@tPW&sslpassword=k3y@PW",
                Credentials.of("app", null), Map.of("otherUrl", "jdbc:postgresql://db/x?password=pr0p@PW"),
                PoolSettings.defaults());
        assertHides(c, "s3cr", "tPW", "k3y", "@PW", "pr0p");
        assertHides(c.driverProperties(), "pr0p", "@PW");
        assertEquals("db/app", c.target());
    }
}
