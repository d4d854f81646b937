package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JFR and JMX are optional ({@code requires static}): the demo runs on a runtime image made with
 * {@code jlink} without {@code jdk.jfr} and {@code java.management}, the way a slim container
 * or Lambda image is made.
 */
class SlimRuntimeTest {

    /** What the demo needs from the JDK, and nothing for monitoring. */
    private static final String MODULES = "java.base,java.sql,java.naming,java.net.http,java.security.jgss,"
            + "java.logging,jdk.unsupported,jdk.crypto.ec,jdk.httpserver";

    @Test
    void theDemoRunsOnARuntimeWithoutJfrAndManagement(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("image");
        List<String> args = new ArrayList<>();
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (Files.isDirectory(jmods)) {
            args.addAll(List.of("--module-path", jmods.toString()));
        } // else a JDK 24+ without jmods links from its own run-time image (JEP 493)
        args.addAll(List.of("--add-modules", MODULES, "--no-header-files", "--no-man-pages", "--output",
                image.toString()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int linked = ToolProvider.findFirst("jlink").orElseThrow().run(out, out, args.toArray(String[]::new));
        assertEquals(0, linked, log.toString(StandardCharsets.UTF_8));

        String java = image.resolve("bin").resolve("java").toString();
        String modules = run(List.of(java, "--list-modules"));
        assertFalse(modules.contains("jdk.jfr"), modules);
        assertFalse(modules.contains("java.management"), modules);

        String demo = run(List.of(java, "-p", "examples/target/classes" + File.pathSeparator + "examples/target/modules",
                "-m", "io.credpool.examples/io.credpool.examples.Quickstart"));
        assertTrue(demo.contains("Database connection established successfully"), demo);
        assertTrue(demo.contains("Pool closed gracefully"), demo);
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Readme.ROOT.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not end: " + command);
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> command + "\n" + text);
        return text;
    }
}
