package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No server process, PgBouncer or data directory outlives the JVM that started it: checked by
 * starting a cluster and its PgBouncer in a child JVM, ending that JVM in different ways, and
 * looking for what it left.
 */
class NoSurvivorsTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @AfterEach
    void reapWhatAFailedTestLeft() {
        PgCluster.reapOrphans();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"return, own", "exit, own", "exit, shared", "sigterm, own"})
    void nothingSurvivesTheJvm(String ending, String which) throws Exception {
        Child child = Child.start(work, ending.equals("sigterm") ? "wait" : ending, which);
        if (ending.equals("sigterm")) {
            child.process.destroy(); // SIGTERM: shutdown hooks run
        }
        child.awaitExit();

        assertGone(child.postmaster());
        for (String serverChild : child.serverChildren()) {
            assertGone(serverChild);
        }
        assertGone(child.facts.get("bouncer"));
        assertFalse(Files.exists(child.base()), child.base() + " is deleted");
    }

    @Test
    void clustersOfAKilledJvmAreReapedByTheNextOne() throws Exception {
        Child child = Child.start(work, "wait", "own");
        child.process.destroyForcibly(); // SIGKILL: no hook runs, the server is orphaned
        child.awaitExit();
        assertTrue(Files.exists(child.base()), "precondition: the killed JVM could not clean up");

        assertTrue(PgCluster.reapOrphans() >= 1);

        assertGone(child.postmaster());
        assertGone(child.facts.get("bouncer"));
        assertFalse(Files.exists(child.base()), child.base() + " is deleted");
    }

    /**
     * Asserts that the process named {@code pid:startMillis} has exited (waiting up to 5 s); a
     * live process with that pid but another start time is some later process that reused the pid.
     */
    private static void assertGone(String identity) throws InterruptedException {
        long pid = Long.parseLong(identity.substring(0, identity.indexOf(':')));
        long started = Long.parseLong(identity.substring(identity.indexOf(':') + 1));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid)
                    .filter(p -> !Signals.isGone(p))
                    .filter(p -> started < 0 || p.info().startInstant().map(i -> i.toEpochMilli() == started).orElse(true));
            if (process.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("process " + pid + " " + process.get().info() + " outlived its JVM");
            }
            Thread.sleep(20);
        }
    }

    private static final class Child {
        final Process process;
        final Map<String, String> facts;
        final Path stdout;
        final Path stderr;

        private Child(Process process, Map<String, String> facts, Path stdout, Path stderr) {
            this.process = process;
            this.facts = facts;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        static Child start(Path work, String mode, String which) throws IOException, InterruptedException {
            Path stdout = work.resolve("child.out");
            Path stderr = work.resolve("child.err");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ClusterInChildJvm.class.getName(), mode, which)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (true) {
                List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
                if (lines.contains("ready")) {
                    Map<String, String> facts = new HashMap<>();
                    for (String line : lines) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            facts.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                    return new Child(process, facts, stdout, stderr);
                }
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    process.destroyForcibly();
                    throw new AssertionError("child JVM did not start a cluster: " + lines + "\n"
                            + Files.readString(stderr, StandardCharsets.UTF_8));
                }
                Thread.sleep(20);
            }
        }

        void awaitExit() throws IOException, InterruptedException {
            if (!process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child JVM did not exit: " + Files.readString(stderr, StandardCharsets.UTF_8));
            }
        }

        Path base() {
            return Path.of(facts.get("base"));
        }

        String postmaster() {
            return facts.get("postmaster");
        }

        List<String> serverChildren() {
            return facts.get("children").isEmpty() ? List.of() : List.of(facts.get("children").split(","));
        }
    }
}
