package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The profile in the shared files: static keys ({@code aws_access_key_id}, {@code aws_secret_access_key},
 * {@code aws_session_token}), {@code credential_process}, or {@code role_arn} with
 * {@code web_identity_token_file}. Roles assumed from a source profile and IAM Identity Center (SSO)
 * profiles are not supported; the error says how to bridge them with {@code credential_process}.
 */
final class ProfileSource implements AwsCredentialsLink {

    /** The longest a {@code credential_process} may run. */
    static final long PROCESS_TIMEOUT_SECONDS = 60;
    private static final int MAX_OUTPUT = 1 << 20;

    private final Environment env;
    private final HttpClient http;
    private final Clock clock;

    ProfileSource(Environment env, HttpClient http, Clock clock) {
        this.env = env;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "shared profile files (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE)";
    }

    @Override
    public AwsCredentials load() throws Unavailable {
        ProfileFiles files;
        try {
            files = ProfileFiles.load(env);
        } catch (IOException e) {
            throw Unavailable.failed("cannot read the profile files " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            throw Unavailable.failed("cannot read the profile files (" + e.getClass().getSimpleName() + ")");
        }
        String name = files.profileName();
        String label = "profile " + name;
        Map<String, String> profile = files.profile();
        if (profile == null) {
            String reason = "profile '" + name + "' not found in " + files.locations();
            if (files.profileNamedExplicitly()) {
                throw Unavailable.failed(reason);
            }
            throw Unavailable.notConfigured(files.anyFileExists() ? reason : "no files at " + files.locations());
        }
        String id = profile.get("aws_access_key_id");
        String secret = profile.get("aws_secret_access_key");
        if (id != null && !id.isEmpty() && secret != null && !secret.isEmpty()) {
            String token = profile.get("aws_session_token");
            return new AwsCredentials(id, secret, token == null || token.isEmpty() ? null : token, null, label);
        }
        if (id != null || secret != null) {
            throw Unavailable.failed(label + " has only one of aws_access_key_id and aws_secret_access_key");
        }
        String process = profile.get("credential_process");
        if (process != null && !process.isEmpty()) {
            return runProcess(process, label);
        }
        String roleArn = profile.get("role_arn");
        String tokenFile = profile.get("web_identity_token_file");
        if (roleArn != null && tokenFile != null) {
            return WebIdentitySource.assume(env, http, clock, roleArn, profile.get("role_session_name"),
                    Path.of(tokenFile), label + " web identity");
        }
        String bridge = ": set credential_process = aws configure export-credentials --profile " + name
                + " --format process";
        if (roleArn != null) {
            throw Unavailable.failed(label + " assumes role_arn from a source profile, which credpool does not do"
                    + bridge);
        }
        if (profile.containsKey("sso_session") || profile.containsKey("sso_start_url")) {
            throw Unavailable.failed(label + " uses IAM Identity Center (SSO), which credpool does not do" + bridge);
        }
        throw Unavailable.failed(label + " has no aws_access_key_id/aws_secret_access_key or credential_process");
    }

    /**
     * Runs {@code credential_process} and reads its JSON ({@code Version} 1, {@code AccessKeyId},
     * {@code SecretAccessKey}, optional {@code SessionToken} and {@code Expiration}). Its output and
     * its standard error never reach a message.
     */
    private static AwsCredentials runProcess(String command, String label) throws Unavailable {
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
        String id = string(json, "AccessKeyId");
        String secret = string(json, "SecretAccessKey");
        if (id == null || secret == null) {
            throw Unavailable.failed(what + " printed JSON without AccessKeyId and SecretAccessKey");
        }
        String expiration = string(json, "Expiration");
        Instant expires = Times.parse(expiration);
        if (expiration != null && expires == null) {
            throw Unavailable.failed(what + " printed an Expiration that is not an ISO-8601 time");
        }
        return new AwsCredentials(id, secret, string(json, "SessionToken"), expires, what);
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

    static String string(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value instanceof String && !((String) value).isEmpty() ? (String) value : null;
    }
}
