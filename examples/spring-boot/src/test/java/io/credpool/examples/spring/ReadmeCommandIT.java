package io.credpool.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's Spring Boot example command (its {@code java -jar} part: Maven has just built
 * the JAR) from the repository root, with no database configured, so the application starts the
 * demo's throwaway PostgreSQL; then asks {@code GET /users} and the actuator.
 */
class ReadmeCommandIT {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().getParent();

    /** The {@code java -jar ...} part of the README line that builds and runs this example. */
    static String command() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .map(String::strip).filter(l -> l.contains("credpool-examples-spring-boot.jar")).toList();
        assertEquals(1, lines.size(), lines::toString);
        String line = lines.get(0);
        assertTrue(line.startsWith("mvn -B -ntp -q -pl examples/spring-boot -am package -DskipTests && "), line);
        return line.substring(line.indexOf("&& ") + 3);
    }

    @Test
    void theReadmeCommandServesUsersFromTheStartersPool() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> argv = new ArrayList<>(List.of(command().split("\\s+")));
        assertEquals("java", argv.get(0));
        argv.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true);
        for (String name : List.of("DATABASE_URL", "AWS_SECRET_NAME", "SPRING_DATASOURCE_URL", "DATABASE_SECRET_FILE",
                "CREDPOOL_PROVIDER", "APP_ENV", "NODE_ENV")) {
            pb.environment().remove(name);
        }
        pb.environment().put("PORT", Integer.toString(port));
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (String line; (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.contains("Started UsersApplication") || System.nanoTime() > deadline) {
                    break;
                }
            }
            assertTrue(output.toString().contains("Started UsersApplication"), output::toString);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> users = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/users")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, users.statusCode(), users::body);
            assertEquals("[{\"id\":1,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},"
                    + "{\"id\":2,\"name\":\"Alan Turing\",\"email\":\"alan@example.com\"}]", users.body());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health::body);
            assertTrue(health.body().contains("\"credpool\":{\"details\":{\"pool\":\"users\""), health::body);
        } finally {
            p.destroy();
            p.waitFor();
        }
        assertFalse(output.toString().contains("postgresql://demo:"), output::toString);
        assertTrue(output.toString().contains("credpool"), output::toString);
    }
}
