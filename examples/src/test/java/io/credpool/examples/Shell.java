package io.credpool.examples;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a README command the way a user would, from the repository root, with two adjustments
 * that keep it honest under {@code mvn verify}: {@code java} and {@code jshell} are those of the
 * JDK running the tests, and the examples' compiled classes go first on the module path (the
 * tests run before the examples JAR is packaged into {@code examples/target/modules}).
 */
final class Shell {

    /** Variables that would choose a database for the child: removed unless a test sets them. */
    private static final List<String> DATABASE_VARIABLES = List.of("DATABASE_URL", "DATABASE_SECRET_FILE",
            "AWS_SECRET_NAME", "CREDPOOL_PROVIDER", "APP_ENV", "NODE_ENV", "AWS_LAMBDA_FUNCTION_NAME",
            "ECS_CONTAINER_METADATA_URI_V4", "AWS_EXECUTION_ENV", "KUBERNETES_SERVICE_HOST", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "DATABASE_IAM_AUTH", "PORT");

    private Shell() {
    }

    record Result(int status, String output) {
    }

    /** The argument list for {@code command}: no quoting, pipes or {@code &&}; those the README does not need here. */
    static List<String> argv(String command) {
        String javaHome = System.getProperty("java.home");
        List<String> argv = new ArrayList<>();
        String[] words = command.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i == 0 && (w.equals("java") || w.equals("jshell") || w.equals("jfr"))) {
                w = Path.of(javaHome, "bin", w).toString();
            } else if (i > 0 && (words[i - 1].equals("-p") || words[i - 1].equals("--module-path"))) {
                w = "examples/target/classes" + File.pathSeparator + w;
            }
            argv.add(w);
        }
        return argv;
    }

    /** Starts {@code command} in the repository root with {@code variables}; stdout and stderr merged. */
    static Process start(String command, Map<String, String> variables) {
        ProcessBuilder pb = new ProcessBuilder(argv(command)).directory(Readme.ROOT.toFile()).redirectErrorStream(true);
        DATABASE_VARIABLES.forEach(pb.environment()::remove);
        // Blank wins over a developer's ./.env: Environment treats it as unset.
        pb.environment().put("DATABASE_URL", "");
        pb.environment().putAll(variables);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} to completion (killed after {@code timeout}). */
    static Result run(String command, Map<String, String> variables, Duration timeout) {
        Process p = start(command, variables);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "shell-output");
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                reader.join(5000);
                throw new AssertionError("timed out after " + timeout + ": " + command + "\n"
                        + out.toString(StandardCharsets.UTF_8));
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process was killed
        }
    }
}
