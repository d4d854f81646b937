package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.http.HostileServer;
import io.credpool.aws.internal.http.HostileServer.Mode;
import io.credpool.aws.internal.http.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every HTTP source of the credential chain against endpoints that send without end or never
 * answer: each gives up within its deadline and its size cap, with a message that names the
 * endpoint without the user information it was configured with.
 */
class HostileEndpointsTest {

    private static final String USERINFO_SECRET = "pw-Zq9";

    @TempDir
    Path dir;

    private Map<String, String> vars;

    @BeforeEach
    void isolate() {
        vars = new HashMap<>();
        vars.put("HOME", dir.resolve("home").toString());
        vars.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    private CredentialException chainFails() {
        CredentialChain chain = CredentialChain.standard(Environment.of(vars), AwsHttp.client(),
                new MutableClock(Instant.parse("2030-01-01T00:00:00Z")));
        CredentialException e = assertThrows(CredentialException.class, chain::credentials);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(USERINFO_SECRET), trace.toString());
        return e;
    }

    private static String withUser(HostileServer server, String path) {
        return "http://app:" + USERINFO_SECRET + "@127.0.0.1:" + server.uri().getPort() + path;
    }

    @Test
    void containerEndpointWithAnEndlessBody() throws Exception {
        try (HostileServer server = new HostileServer(Mode.ENDLESS)) {
            vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", withUser(server, "/creds?x=1"));
            long start = System.nanoTime();
            CredentialException e = chainFails();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
            assertTrue(e.getMessage().contains("container credentials endpoint " + server.uri() + "creds failed after 3 "
                    + "attempts: the answer from " + server.uri() + "creds is larger than 2 MiB (2097152 bytes)"),
                    e.getMessage());
            assertTrue(server.bytesSent() < 3 * 64L * 1024 * 1024, "read " + server.bytesSent() + " bytes");
        }
    }

    @Test
    void stsEndpointWithAnEndlessBody() throws Exception {
        try (HostileServer server = new HostileServer(Mode.ENDLESS)) {
            vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", Files.writeString(dir.resolve("token"), "jwt").toString());
            vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
            vars.put("AWS_ENDPOINT_URL_STS", withUser(server, "/"));
            CredentialException e = chainFails();
            assertTrue(e.getMessage().contains("STS AssumeRoleWithWebIdentity for arn:aws:iam::123456789012:role/app at "
                    + server.uri() + " failed after 3 attempts: the answer from " + server.uri() + " is larger than "
                    + "2 MiB"), e.getMessage());
        }
    }

    @Test
    void instanceMetadataThatNeverAnswers() throws Exception {
        try (HostileServer server = new HostileServer(Mode.SILENT)) {
            vars.remove("AWS_EC2_METADATA_DISABLED");
            vars.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", withUser(server, "/"));
            long start = System.nanoTime();
            CredentialException e = chainFails();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
            assertTrue(e.getMessage().contains("EC2 instance metadata (IMDSv2) at " + server.uri() + " (session token: "
                    + "no complete answer from " + server.uri() + "latest/api/token within 1000 ms)"), e.getMessage());
            assertEquals(1, server.requests());
        }
    }
}
