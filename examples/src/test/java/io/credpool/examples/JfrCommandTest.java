package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's Flight Recorder example, run as written: record the diagnostics command against
 * PostgreSQL, then print the {@code credpool} events. They name the pool and show no password.
 */
class JfrCommandTest {

    @Test
    void theRecordedDiagnosticsRunShowsCredpoolEventsWithoutTheSecret() throws Exception {
        TestDb db = TestDb.create("jfr");
        Path recording = Readme.ROOT.resolve("credpool.jfr");
        Files.deleteIfExists(recording);
        try {
            Shell.Result run = Shell.run(Readme.command("StartFlightRecording"), Map.of("DATABASE_URL", db.url()),
                    Duration.ofSeconds(60));
            assertEquals(0, run.status(), run.output());
            assertTrue(Files.size(recording) > 0, "the recording was written");

            Shell.Result print = Shell.run(Readme.command("jfr print --categories credpool"), Map.of(),
                    Duration.ofSeconds(60));
            assertEquals(0, print.status(), print.output());
            String events = print.output();
            for (String event : new String[] {"io.credpool.ConnectionCreate", "io.credpool.CredentialFetch"}) {
                assertTrue(events.contains(event), "no " + event + " in:\n" + events);
            }
            assertTrue(events.contains("pool = \"127.0.0.1:"), events);
            assertTrue(events.contains("provider = \"database-url\""), events);
            assertFalse(events.contains("jdk."), "only the credpool category is printed");
            assertFalse(db.leaks(events), events);
            assertFalse(db.leaks(new String(Files.readAllBytes(recording), java.nio.charset.StandardCharsets.ISO_8859_1)),
                    "the recording itself holds no password");
        } finally {
            Files.deleteIfExists(recording);
        }
    }
}
