package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command in README.md is run somewhere: by a test of this module or by {@code .ci/run}.
 * A new command in the README fails this test until something runs it.
 */
class ReadmeTest {

    /** A fragment unique to each README command, and what runs it. */
    private static final Map<String, String> RUNNERS = Map.of(
            "mvn -B -ntp verify", ".ci/run",
            "io.credpool.examples.Quickstart", "QuickstartTest (java part) and .ci/run (whole line)",
            "quickstart.jsh", "JshellTest",
            DoctorCommandTest.FRAGMENT, "DoctorCommandTest",
            "StartFlightRecording", "JfrCommandTest",
            "jfr print --categories credpool", "JfrCommandTest",
            "io.credpool.examples.UsersApi", "UsersApiTest",
            "io.credpool.examples.SeedUsers", "SeedUsersTest",
            "credpool-examples-spring-boot.jar", "ReadmeCommandIT of examples/spring-boot (java part, after the"
                    + " reactor packaged the JAR)");

    @Test
    void everyCommandIsRunByATestOrByCi() {
        List<String> commands = Readme.commands();
        assertTrue(commands.size() >= RUNNERS.size(), commands::toString);
        for (String command : commands) {
            List<String> runners = RUNNERS.keySet().stream().filter(command::contains).collect(Collectors.toList());
            assertEquals(1, runners.size(), () -> "no test or CI step runs this README command: " + command);
        }
        for (String fragment : RUNNERS.keySet()) {
            Readme.command(fragment); // exactly one each
        }
    }

    @Test
    void theQuickStartComesFirstAndCiRunsItsCommandsVerbatim() throws Exception {
        List<String> commands = Readme.commands();
        assertEquals("mvn -B -ntp verify", Readme.command("mvn -B -ntp verify"));
        assertTrue(commands.subList(0, 2).contains("mvn -B -ntp verify"), commands::toString);
        assertTrue(commands.subList(0, 2).contains(Readme.command("io.credpool.examples.Quickstart")), commands::toString);
        List<String> ci = Files.readAllLines(Readme.ROOT.resolve(".ci/run")).stream().map(String::strip).collect(Collectors.toList());
        assertTrue(ci.contains("mvn -B -ntp verify"), "CI runs the test command");
        assertTrue(ci.contains(Readme.command("io.credpool.examples.Quickstart")), "CI runs the demo command, build included");
    }
}
