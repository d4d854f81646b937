package io.credpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.Environment;
import io.credpool.TestDatabase;
import io.credpool.testkit.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diagnostics command: what it prints, its exit status, and that it never prints a password. */
class DoctorTest {

    private static TestDatabase db;
    private static LogCapture logs;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create("doctor");
        logs = new LogCapture();
    }

    @AfterAll
    static void noPasswordLogged() {
        logs.close();
        for (String m : logs.messages()) {
            assertFalse(db.leaks(m), m);
        }
    }

    private record Run(int status, String output) {
    }

    private static Run run(Map<String, String> variables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Doctor.run(Environment.of(variables), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(db.leaks(output), output);
        return new Run(status, output);
    }

    @Test
    void connectsToARealDatabase() {
        Run r = run(Map.of("DATABASE_URL", db.url("connection_limit=3"), "APP_ENV", "test"));
        assertEquals(Doctor.OK, r.status(), r.output());
        String target = "127.0.0.1:" + db.port() + "/postgres";
        assertContains(r.output(), "mode:        TEST (APP_ENV=test)");
        assertContains(r.output(), "providers:   secret-file (priority 200): not configured, needs DATABASE_SECRET_FILE");
        assertContains(r.output(), "             database-url (priority 100): configured");
        assertContains(r.output(), "selected:    database-url (DATABASE_URL is set)");
        assertContains(r.output(), "target:      " + target + " as " + db.role() + ", password ****");
        assertContains(r.output(), "pool:        max 3 connections, acquire timeout 10 s, connect timeout 5 s, 3 attempts");
        assertTrue(Pattern.compile("(?m)^attempt 1/3: connected in \\d+\\.\\d ms$").matcher(r.output()).find(), r.output());
        assertContains(r.output(), "server:      PostgreSQL ");
        assertTrue(Pattern.compile("(?m)^latency: +SELECT 1 round trip: min .* over 10 queries$").matcher(r.output()).find(),
                r.output());
        assertContains(r.output(), "stats:       PoolStats[total=1, active=0, idle=1, waiting=0, created=1");
        assertTrue(r.output().endsWith("result:      OK\n"), r.output());
    }

    @Test
    void givesUpAfterThreeAttemptsAgainstAClosedPortWithTheSeedsBackoff() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = db.url("").replace(":" + db.port() + "/", ":" + port + "/");
        long start = System.nanoTime();
        Run r = run(Map.of("DATABASE_URL", url, "APP_ENV", "development"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Doctor.FAILED, r.status(), r.output());
        assertTrue(Pattern.compile("(?m)^attempt 1/3: failed: .*refused.*; retrying in 1000 ms$").matcher(r.output()).find(),
                r.output());
        assertTrue(Pattern.compile("(?m)^attempt 2/3: failed: .*; retrying in 2000 ms$").matcher(r.output()).find(), r.output());
        assertTrue(Pattern.compile("(?m)^attempt 3/3: failed: .*refused[^;]*$").matcher(r.output()).find(), r.output());
        assertContains(r.output(), "result:      FAILED: could not connect to 127.0.0.1:" + port + "/postgres after 3 attempts");
        assertTrue(elapsedMs >= 3000, "waited 1 s, then 2 s: " + elapsedMs + " ms");
    }

    @Test
    void theWholeConsoleIsTheReportWithThePoolsLogRecordsFoldedInAndTheLoggingSetupIsRestored() {
        // The console as a newcomer sees it: stdout, stderr and a java.util.logging console handler
        // on the root logger (the default setup), all into one stream.
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(console, true, StandardCharsets.UTF_8);
        Logger root = Logger.getLogger("");
        Logger credpool = Logger.getLogger("io.credpool");
        StreamHandler rootConsole = new StreamHandler(stream, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        boolean useParent = credpool.getUseParentHandlers();
        List<Handler> handlers = List.of(credpool.getHandlers());
        PrintStream out = System.out;
        PrintStream err = System.err;
        root.addHandler(rootConsole);
        credpool.setUseParentHandlers(true);
        System.setOut(stream);
        System.setErr(stream);
        int status;
        try {
            status = Doctor.run(Environment.of(Map.of("DATABASE_URL", db.url("connection_limit=3"), "APP_ENV", "test")),
                    stream);
            assertEquals(handlers, List.of(credpool.getHandlers()), "the logger's handlers are back");
            assertTrue(credpool.getUseParentHandlers(), "parent handlers are on again");
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(rootConsole);
            credpool.setUseParentHandlers(useParent);
        }
        String output = console.toString(StandardCharsets.UTF_8);
        assertEquals(Doctor.OK, status, output);
        assertFalse(db.leaks(output), output);
        for (String line : output.split("\n")) {
            assertTrue(line.matches("[a-z0-9 /]+: +\\S.*|  {12}\\S.*"), () -> "not a report line: <" + line + "> in:\n" + output);
        }
        assertTrue(Pattern.compile("(?m)^attempt 1/3: connected in \\d+\\.\\d ms$").matcher(output).find(), output);
        assertTrue(Pattern.compile("(?m)^health: +UP \\(.+\\)$").matcher(output).find(), output);
        // The pool's own record of its start repeats the attempt line and is left out; the others are folded in.
        assertFalse(output.contains("Database connection established successfully"), output);
        assertContains(output, "info:        Connection pool for 127.0.0.1:" + db.port() + "/postgres closed");
        assertTrue(output.endsWith("result:      OK\n"), output);
    }

    @Test
    void aRejectedPasswordIsNotRetried() {
        String wrong = db.url("").replace("%40ss", "%40sx");
        Run r = run(Map.of("DATABASE_URL", wrong, "APP_ENV", "test"));
        assertEquals(Doctor.FAILED, r.status(), r.output());
        assertContains(r.output(), "; not retrying: the database rejected the credentials");
        assertFalse(r.output().contains("attempt 2/3"), r.output());
    }

    @Test
    void configurationErrorsExitWithTwo() {
        Run nothing = run(Map.of("APP_ENV", "test"));
        assertEquals(Doctor.CONFIGURATION_ERROR, nothing.status(), nothing.output());
        assertContains(nothing.output(), "configuration error: No database is configured (Test environment)");

        Map<String, String> unknown = new HashMap<>(Map.of("DATABASE_URL", db.url(""), "CREDPOOL_PROVIDER", "vault"));
        Run forced = run(unknown);
        assertEquals(Doctor.CONFIGURATION_ERROR, forced.status(), forced.output());
        assertContains(forced.output(), "found: secret-file, database-url");

        Run badKey = run(Map.of("DATABASE_URL", db.url("pool_timeout=soon"), "APP_ENV", "production"));
        assertEquals(Doctor.CONFIGURATION_ERROR, badKey.status(), badKey.output());
        assertContains(badKey.output(), "mode:        PRODUCTION (APP_ENV=production)");
        assertContains(badKey.output(), "pool_timeout");

        Run badMode = run(Map.of("APP_ENV", "staging"));
        assertEquals(Doctor.CONFIGURATION_ERROR, badMode.status(), badMode.output());
        assertContains(badMode.output(), "APP_ENV must be production, development or test");
    }

    @Test
    void explainsWhyTheModeIsProductionOnKubernetesAndWhyNotElsewhere() {
        Run eks = run(Map.of("KUBERNETES_SERVICE_HOST", "10.100.0.1",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"));
        assertEquals(Doctor.CONFIGURATION_ERROR, eks.status(), eks.output());
        assertContains(eks.output(), "mode:        PRODUCTION (KUBERNETES_SERVICE_HOST is set (Kubernetes))");
        Run laptop = run(Map.of());
        assertContains(laptop.output(), "mode:        DEVELOPMENT (no APP_ENV or NODE_ENV, and none of AWS_LAMBDA_FUNCTION_NAME,"
                + " ECS_CONTAINER_METADATA_URI_V4, AWS_EXECUTION_ENV, KUBERNETES_SERVICE_HOST, AWS_WEB_IDENTITY_TOKEN_FILE,"
                + " AWS_CONTAINER_CREDENTIALS_FULL_URI)");
    }

    private static void assertContains(String output, String expected) {
        assertTrue(output.contains(expected), () -> "expected <" + expected + "> in:\n" + output);
    }
}
