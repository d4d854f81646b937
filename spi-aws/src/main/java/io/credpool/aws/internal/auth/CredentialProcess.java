package io.credpool.aws.internal.auth;

import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A profile's {@code credential_process}: a command that prints the credentials as JSON. */
final class CredentialProcess {

    /** The longest a {@code credential_process} may run. */
    static final long PROCESS_TIMEOUT_SECONDS = 60;
    private static final int MAX_OUTPUT = 1 << 20;

    private CredentialProcess() {
    }

    /**
     * Runs {@code credential_process} and reads its JSON ({@code Version} 1, {@code AccessKeyId},
     * {@code SecretAccessKey}, optional {@code SessionToken} and {@code Expiration}). Its output and
     * its standard error never reach a message.
     */
    static AwsCredentials run(String command, String label) throws Unavailable {
        String what = label + " credential_process";
        List<String> argv = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? List.of("cmd.exe", "/C", command) : List.of("sh", "-c", command);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw Unavailable.failed(what + " could not start (" + e.getClass().getSimpleName() + ")");
        }
        OutputReader reader = new OutputReader(process.getInputStream());
        reader.start();
        try {
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw Unavailable.failed(what + " did not finish within " + PROCESS_TIMEOUT_SECONDS + " s");
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw Unavailable.failed(what + " was interrupted");
        }
        String output = reader.output();
        if (output == null) {
            throw Unavailable.failed(what + " output could not be read (more than " + MAX_OUTPUT
                    + " bytes, or still open)");
        }
        if (process.exitValue() != 0) {
            throw Unavailable.failed(what + " exited with status " + process.exitValue());
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(output);
        } catch (JsonException e) {
            throw Unavailable.failed(what + " did not print a JSON object (" + e.getMessage() + ")");
        }
        Object version = json.get("Version");
        if (!(version instanceof Number) || ((Number) version).intValue() != 1) {
            throw Unavailable.failed(what + " printed JSON without \"Version\": 1");
        }
        String id = ProfileSource.string(json, "AccessKeyId");
        String secret = ProfileSource.string(json, "SecretAccessKey");
        if (id == null || secret == null) {
            throw Unavailable.failed(what + " printed JSON without AccessKeyId and SecretAccessKey");
        }
        String expiration = ProfileSource.string(json, "Expiration");
        Instant expires = Times.parse(expiration);
        if (expiration != null && expires == null) {
            throw Unavailable.failed(what + " printed an Expiration that is not an ISO-8601 time");
        }
        return new AwsCredentials(id, secret, ProfileSource.string(json, "SessionToken"), expires, what);
    }

    /** Reads the process's standard output on a daemon thread, so that a timeout can still strike. */
    private static final class OutputReader extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private volatile boolean complete;

        OutputReader(InputStream in) {
            super("credpool-credential-process");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (out.size() + n > MAX_OUTPUT) {
                        return;
                    }
                    out.write(buffer, 0, n);
                }
                complete = true;
            } catch (IOException e) {
                // complete stays false
            }
        }

        /** The whole output, or {@code null} when it was cut short. */
        String output() {
            return complete ? out.toString(StandardCharsets.UTF_8) : null;
        }
    }

}
