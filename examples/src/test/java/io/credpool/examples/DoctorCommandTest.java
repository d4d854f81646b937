package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's diagnostics command, a main class in a package io.credpool does not export, run
 * with {@code java -m}: exit 0 against PostgreSQL, 1 after three attempts against a closed port,
 * 2 when nothing is configured. Never a password in its output.
 */
class DoctorCommandTest {

    /** The diagnostics command as the README gives it (the JFR example runs it with a recording). */
    static final String FRAGMENT = "java -p examples/target/modules -m io.credpool/io.credpool.cli.Doctor";

    private static String command() {
        return Readme.command(FRAGMENT);
    }

    @Test
    void exitsZeroAgainstPostgresql() {
        TestDb db = TestDb.create("doctor");
        Shell.Result r = Shell.run(command(), Map.of("DATABASE_URL", db.url()), Duration.ofSeconds(60));
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("selected:    database-url (DATABASE_URL is set)"), r.output());
        assertTrue(r.output().contains("server:      PostgreSQL"), r.output());
        assertTrue(r.output().contains("result:      OK"), r.output());
        assertFalse(db.leaks(r.output()), r.output());
    }

    @Test
    void exitsOneAfterThreeAttemptsAgainstAClosedPort() throws Exception {
        TestDb db = TestDb.create("doctor_closed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Shell.Result r = Shell.run(command(), Map.of("DATABASE_URL", db.urlWithPort(port)), Duration.ofSeconds(60));
        assertEquals(1, r.status(), r.output());
        QuickstartTest.assertInOrder(r.output(), "attempt 1/3: failed: ", "; retrying in 1000 ms",
                "attempt 2/3: failed: ", "; retrying in 2000 ms", "attempt 3/3: failed: ",
                "result:      FAILED: could not connect to 127.0.0.1:" + port + "/" + db.name() + " after 3 attempts");
        assertFalse(db.leaks(r.output()), r.output());
    }

    @Test
    void exitsTwoWhenNothingIsConfigured() {
        Shell.Result r = Shell.run(command(), Map.of(), Duration.ofSeconds(60));
        assertEquals(2, r.status(), r.output());
        assertTrue(r.output().contains("configuration error: No database is configured"), r.output());
    }
}
