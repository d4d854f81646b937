package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shared pool is closed by a JVM shutdown hook; pools users open get none. */
class ShutdownHookTest {

    @Test
    void theSharedPoolIsClosedGracefullyWhenTheJvmExits() throws Exception {
        TestDatabase db = TestDatabase.create("hook");
        // Everything the tests see, on the class path: providers and the driver are found through META-INF/services.
        String classPath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(p -> Stream.of(p.split(File.pathSeparator))).filter(p -> !p.isBlank()).distinct()
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ShutdownHookChild.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", db.url("connection_limit=2"));
        pb.environment().put("APP_ENV", "test");
        Process child = pb.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("built true"), output);
        assertTrue(output.contains("at exit: shared closed true, own closed false"), output);
        assertFalse(db.leaks(output), output);
    }
}
