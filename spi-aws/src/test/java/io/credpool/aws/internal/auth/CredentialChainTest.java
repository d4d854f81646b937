package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Recorded;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.aws.internal.http.HostileServer;
import io.credpool.aws.internal.http.HostileServer.Mode;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source of the chain against loopback fakes and temporary files; refresh; the final error;
 * endpoints that send without end or never answer (each source gives up within its deadline and
 * size cap, naming the endpoint without its user information).
 */
class CredentialChainTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN//+==";

    @TempDir
    Path dir;

    private final HttpClient http = AwsHttp.newClient(null);
    private final MutableClock clock = new MutableClock(T0);
    private final List<FakeServer> servers = new ArrayList<>();
    private Map<String, String> vars;

    @BeforeEach
    void isolate() {
        vars = new HashMap<>();
        // Keep the real home, instance metadata and any real profile out of every test.
        vars.put("HOME", dir.resolve("home").toString());
        vars.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(FakeServer::close);
    }

    private FakeServer server() {
        FakeServer s = FakeServer.http();
        servers.add(s);
        return s;
    }

    private CredentialChain chain() {
        return CredentialChain.standard(Environment.of(vars), http, clock);
    }

    private static String stsAnswer(String keyId, Instant expiration) {
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <AssumeRoleWithWebIdentityResult>\n"
                + "    <SubjectFromWebIdentityToken>system:serviceaccount:app:api</SubjectFromWebIdentityToken>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + keyId + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + SECRET + "</SecretAccessKey>\n"
                + "      <SessionToken>" + TOKEN.replace("+", "&#43;") + "</SessionToken>\n"
                + "      <Expiration>" + expiration + "</Expiration>\n"
                + "    </Credentials>\n"
                + "  </AssumeRoleWithWebIdentityResult>\n"
                + "</AssumeRoleWithWebIdentityResponse>\n";
    }

    private static Map<String, String> form(String body) {
        return FakeSts.form(body);
    }

    private static void assertNoSecrets(String text) {
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains("jwt-token-value"), text);
    }

    // ---------------------------------------------------------------- static sources

    @Test
    void systemPropertiesComeBeforeEnvironment() throws Exception {
        vars.put("aws.accessKeyId", "AKIDPROPS");
        vars.put("aws.secretAccessKey", SECRET);
        vars.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        vars.put("AWS_SECRET_ACCESS_KEY", "other");
        AwsCredentials c = chain().credentials();
        assertEquals("AKIDPROPS", c.accessKeyId());
        assertEquals("system properties", c.source());
        assertNull(c.sessionToken());
        assertNoSecrets(c.toString());
    }

    @Test
    void environmentVariablesWithSessionToken() throws Exception {
        vars.put("AWS_ACCESS_KEY_ID", "ASIAENV");
        vars.put("AWS_SECRET_ACCESS_KEY", SECRET);
        vars.put("AWS_SESSION_TOKEN", TOKEN);
        AwsCredentials c = chain().credentials();
        assertEquals(new AwsCredentials("ASIAENV", SECRET, TOKEN, null, "environment variables"), c);
        assertNoSecrets(c.toString());
        assertTrue(c.toString().contains("ASIAENV"));
    }

    @Test
    void halfSetEnvironmentIsReportedAndTheChainGoesOn() throws Exception {
        vars.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = " + SECRET + "\n");
        vars.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        assertEquals("AKIDFILE", chain().credentials().accessKeyId());

        vars.remove("AWS_SHARED_CREDENTIALS_FILE");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"), e.getMessage());
    }

    // ---------------------------------------------------------------- web identity

    @Test
    void webIdentityAssumesTheRoleAtSts() throws Exception {
        FakeServer sts = server();
        sts.enqueue(Reply.of(200, stsAnswer("ASIASTS", T0.plus(Duration.ofHours(1)))));
        Path tokenFile = Files.writeString(dir.resolve("token"), "jwt-token-value\n");
        vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
        vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
        vars.put("AWS_ROLE_SESSION_NAME", "my session");
        vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());

        AwsCredentials c = chain().credentials();
        assertEquals("ASIASTS", c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(TOKEN, c.sessionToken());
        assertEquals(T0.plus(Duration.ofHours(1)), c.expiration());

        Recorded request = sts.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/", request.rawPath());
        assertNull(request.header("Authorization"), "AssumeRoleWithWebIdentity is unsigned");
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        Map<String, String> form = form(request.bodyText());
        assertEquals("AssumeRoleWithWebIdentity", form.get("Action"));
        assertEquals("2011-06-15", form.get("Version"));
        assertEquals("arn:aws:iam::123456789012:role/app", form.get("RoleArn"));
        assertEquals("my session", form.get("RoleSessionName"));
        assertEquals("jwt-token-value", form.get("WebIdentityToken"));
    }

    @Test
    void webIdentityIsRefreshedBeforeExpiryWithTheRotatedToken() throws Exception {
        FakeServer sts = server();
        sts.enqueue(Reply.of(200, stsAnswer("ASIAFIRST", T0.plus(Duration.ofHours(1)))));
        sts.enqueue(Reply.of(200, stsAnswer("ASIASECOND", T0.plus(Duration.ofHours(2)))));
        Path tokenFile = Files.writeString(dir.resolve("token"), "jwt-token-value-1");
        vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
        vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
        vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
        CredentialChain chain = chain();

        assertEquals("ASIAFIRST", chain.credentials().accessKeyId());
        clock.advance(Duration.ofMinutes(54));
        assertEquals("ASIAFIRST", chain.credentials().accessKeyId(), "cached while more than 5 minutes are left");
        assertEquals(1, sts.count());

        Files.writeString(tokenFile, "jwt-token-value-2");
        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: refresh ahead of expiry
        assertEquals("ASIASECOND", chain.credentials().accessKeyId());
        assertEquals(2, sts.count());
        assertEquals("jwt-token-value-2", form(sts.requests().get(1).bodyText()).get("WebIdentityToken"));
        assertTrue(form(sts.requests().get(0).bodyText()).get("RoleSessionName").startsWith("credpool-"));
    }

    @Test
    void failedRefreshKeepsValidCredentialsThenFails() throws Exception {
        FakeServer sts = server();
        sts.enqueue(Reply.of(200, stsAnswer("ASIAFIRST", T0.plus(Duration.ofHours(1)))));
        sts.otherwise(r -> Reply.of(400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>"
                + "<Message>Token is expired</Message></Error></ErrorResponse>"));
        vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", Files.writeString(dir.resolve("t"), "jwt-token-value").toString());
        vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
        vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
        CredentialChain chain = chain();
        chain.credentials();

        clock.advance(Duration.ofMinutes(57)); // 3 minutes left: refresh fails, current ones still work
        assertEquals("ASIAFIRST", chain.credentials().accessKeyId());
        assertEquals(2, sts.count());
        assertEquals("ASIAFIRST", chain.credentials().accessKeyId());
        assertEquals(2, sts.count(), "no new attempt within 30 s");
        clock.advance(Duration.ofSeconds(31));
        chain.credentials();
        assertEquals(3, sts.count());

        clock.advance(Duration.ofMinutes(2)); // under a minute left: no longer handed out
        CredentialException e = assertThrows(CredentialException.class, chain::credentials);
        assertEquals("AWS credentials from web identity AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN could not be "
                + "refreshed: STS AssumeRoleWithWebIdentity for arn:aws:iam::123456789012:role/app at " + sts.uri()
                + " failed: HTTP 400 InvalidIdentityToken: Token is expired", e.getMessage());
        assertNoSecrets(e.getMessage());
    }

    @Test
    void stsServerErrorsAreRetried() throws Exception {
        FakeServer sts = server();
        sts.enqueue(Reply.of(503, ""), Reply.of(500, "<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>"),
                Reply.of(200, stsAnswer("ASIARETRIED", T0.plus(Duration.ofHours(1)))));
        vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", Files.writeString(dir.resolve("t"), "jwt-token-value").toString());
        vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
        vars.put("AWS_ENDPOINT_URL", sts.uri().toString());
        assertEquals("ASIARETRIED", chain().credentials().accessKeyId());
        assertEquals(3, sts.count());
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        FakeServer sts = server();
        sts.enqueue(Reply.of(200, stsAnswer("ASIAONE", T0.plus(Duration.ofHours(1)))).after(Duration.ofMillis(200)));
        sts.otherwise(r -> Reply.of(200, stsAnswer("ASIAOTHER", T0.plus(Duration.ofHours(1)))));
        vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", Files.writeString(dir.resolve("t"), "jwt-token-value").toString());
        vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
        vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
        CredentialChain chain = chain();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AwsCredentials>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return chain.credentials();
                }));
            }
            start.countDown();
            for (Future<AwsCredentials> f : results) {
                assertEquals("ASIAONE", f.get().accessKeyId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sts.count());
    }

    @Test
    void webIdentityHalfConfiguredOrMissingFile() {
        vars.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not"), e.getMessage());
        vars.put("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("absent").toString());
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("token file " + dir.resolve("absent") + " does not exist"), e.getMessage());
    }

    // ---------------------------------------------------------------- profiles

    @Test
    void profileFromBothFilesWithCredentialsFileWinning() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.aws"));
        Files.writeString(home.resolve("config"), "# config\n[default]\nregion = us-east-1\n\n"
                + "[profile dev]\nregion = eu-west-1 ; inline comment\naws_access_key_id = AKIDCONFIG\n"
                + "aws_secret_access_key = from-config\n");
        Files.writeString(home.resolve("credentials"), "[dev]\r\naws_access_key_id=AKIDCREDS\r\n"
                + "aws_secret_access_key = " + SECRET + "\r\naws_session_token = " + TOKEN + "\r\n");
        vars.put("AWS_PROFILE", "dev");
        AwsCredentials c = chain().credentials();
        assertEquals(new AwsCredentials("AKIDCREDS", SECRET, TOKEN, null, "profile dev"), c);
        assertEquals("eu-west-1", AwsRegion.resolve(Environment.of(vars)));
    }

    @Test
    void explicitProfileThatDoesNotExist() throws Exception {
        Path credentials = Files.writeString(dir.resolve("creds"), "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
        vars.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        vars.put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        vars.put("AWS_PROFILE", "prod");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("profile 'prod' not found in " + credentials + ", " + dir.resolve("none")),
                e.getMessage());
    }

    @Test
    void credentialProcess() throws Exception {
        Path script = dir.resolve("creds.sh");
        Files.writeString(script, "#!/bin/sh\necho 'noise on stderr " + SECRET + "' >&2\n"
                + "printf '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"SessionToken\": \"" + TOKEN + "\", \"Expiration\": \"2030-01-01T01:00:00Z\"}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = Files.writeString(dir.resolve("config"), "[default]\ncredential_process = " + script + "\n");
        vars.put("AWS_CONFIG_FILE", config.toString());
        AwsCredentials c = chain().credentials();
        assertEquals(new AwsCredentials("ASIAPROC", SECRET, TOKEN, Instant.parse("2030-01-01T01:00:00Z"),
                "profile default credential_process"), c);
    }

    @Test
    void credentialProcessFailuresNeverShowItsOutput() throws Exception {
        Path config = dir.resolve("config");
        vars.put("AWS_CONFIG_FILE", config.toString());

        Files.writeString(config, "[default]\ncredential_process = sh -c 'echo " + SECRET + "; exit 3'\n");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("profile default credential_process exited with status 3"), e.getMessage());
        assertNoSecrets(e.getMessage());

        Files.writeString(config, "[default]\ncredential_process = echo {\"SecretAccessKey\": \"" + SECRET + "\"\n");
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("profile default credential_process did not print a JSON object"), e.getMessage());
        assertNoSecrets(e.getMessage());

        Files.writeString(config, "[default]\ncredential_process = echo '{\"Version\": 2, \"AccessKeyId\": \"A\", "
                + "\"SecretAccessKey\": \"" + SECRET + "\"}'\n");
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("printed JSON without \"Version\": 1"), e.getMessage());
    }

    @Test
    void profilesWithoutCredentialsNameWhatTheyLack() throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile empty]\nregion = eu-west-1\n"
                + "[profile half]\naws_access_key_id = AKIDHALF\n");
        vars.put("AWS_CONFIG_FILE", config.toString());
        vars.put("AWS_PROFILE", "empty");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("(profile empty has no aws_access_key_id/aws_secret_access_key, "
                + "credential_process, role_arn or sso_session)"), e.getMessage());
        vars.put("AWS_PROFILE", "half");
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("(profile half has only one of aws_access_key_id and aws_secret_access_key)"),
                e.getMessage());
    }

    @Test
    void profileWithWebIdentity() throws Exception {
        FakeServer sts = server();
        sts.enqueue(Reply.of(200, stsAnswer("ASIAPROFILEWI", T0.plus(Duration.ofHours(1)))));
        Path token = Files.writeString(dir.resolve("token"), "jwt-token-value");
        Path config = Files.writeString(dir.resolve("config"), "[default]\nrole_arn = arn:aws:iam::1:role/wi\n"
                + "web_identity_token_file = " + token + "\nrole_session_name = sess\n");
        vars.put("AWS_CONFIG_FILE", config.toString());
        vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
        assertEquals("ASIAPROFILEWI", chain().credentials().accessKeyId());
        assertEquals("sess", form(sts.requests().get(0).bodyText()).get("RoleSessionName"));
    }

    // ---------------------------------------------------------------- containers

    private static String containerAnswer(String keyId, Instant expiration) {
        return "{\"AccessKeyId\":\"" + keyId + "\",\"SecretAccessKey\":\"" + SECRET + "\",\"Token\":\"" + TOKEN
                + "\",\"Expiration\":\"" + expiration + "\",\"RoleArn\":\"arn:aws:iam::1:role/task\"}";
    }

    @Test
    void containerRelativeUri() throws Exception {
        FakeServer agent = server();
        agent.enqueue(Reply.json(200, "application/json", containerAnswer("ASIATASK", T0.plus(Duration.ofHours(6)))));
        vars.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123");
        ContainerSource source = new ContainerSource(Environment.of(vars), http,
                URI.create("http://127.0.0.1:" + agent.uri().getPort()));
        AwsCredentials c = source.load();
        assertEquals("ASIATASK", c.accessKeyId());
        assertEquals(TOKEN, c.sessionToken());
        assertEquals(T0.plus(Duration.ofHours(6)), c.expiration());
        assertEquals("/v2/credentials/abc-123", agent.requests().get(0).rawPath());
        assertNull(agent.requests().get(0).header("Authorization"));
    }

    @Test
    void containerFullUriWithTokenFileOrToken() throws Exception {
        FakeServer agent = server();
        agent.otherwise(r -> Reply.json(200, "application/json", containerAnswer("ASIAPOD", T0.plus(Duration.ofHours(6)))));
        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.uri() + "v1/credentials");
        vars.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-variable");
        assertEquals("ASIAPOD", chain().credentials().accessKeyId());
        assertEquals("from-variable", agent.requests().get(0).header("Authorization"));

        vars.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                Files.writeString(dir.resolve("eks-token"), "from-file\n").toString());
        chain().credentials();
        assertEquals("from-file", agent.requests().get(1).header("Authorization"), "the file wins");
    }

    @Test
    void containerFailures() throws Exception {
        FakeServer agent = server();
        agent.enqueue(Reply.of(401, "{\"code\":\"Unauthorized\"}"));
        agent.enqueue(Reply.of(500, ""), Reply.of(502, ""), Reply.of(503, ""));
        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.uri() + "creds");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("container credentials endpoint " + agent.uri() + "creds answered HTTP 401: "
                + "check AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)"), e.getMessage());
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("failed after 3 attempts: HTTP 503"), e.getMessage());
        assertEquals(4, agent.count());

        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.10/creds");
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("over plain http must point at a loopback address or the ECS/EKS agent, "
                + "not 192.0.2.10"), e.getMessage());
    }

    @Test
    void containerFullUriUserInformationNeverReachesAMessage() throws Exception {
        FakeServer agent = server();
        agent.otherwise(r -> Reply.of(403, ""));
        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://agent:Pw-9zz@127.0.0.1:" + agent.uri().getPort()
                + "/creds?token=Tk-7yy");
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("container credentials endpoint " + agent.uri() + "creds answered HTTP 403"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Pw-9zz") || e.getMessage().contains("agent:"), e.getMessage());
        assertFalse(e.getMessage().contains("Tk-7yy"), e.getMessage());
    }

    // ---------------------------------------------------------------- instance metadata

    private FakeServer imds(String role, Instant expiration) {
        FakeServer imds = server();
        imds.otherwise(r -> {
            if (r.method().equals("PUT") && r.rawPath().equals("/latest/api/token")) {
                return "21600".equals(r.header("X-aws-ec2-metadata-token-ttl-seconds"))
                        ? Reply.of(200, "imds-session-token") : Reply.of(400, "");
            }
            if (!"imds-session-token".equals(r.header("X-aws-ec2-metadata-token"))) {
                return Reply.of(401, "");
            }
            if (r.rawPath().equals("/latest/meta-data/iam/security-credentials/")) {
                return role == null ? Reply.of(404, "") : Reply.of(200, role + "\n");
            }
            if (r.rawPath().equals("/latest/meta-data/iam/security-credentials/" + role)) {
                return Reply.of(200, "{\"Code\":\"Success\",\"LastUpdated\":\"2029-12-31T23:00:00Z\",\"Type\":\"AWS-HMAC\","
                        + "\"AccessKeyId\":\"ASIAEC2\",\"SecretAccessKey\":\"" + SECRET + "\",\"Token\":\"" + TOKEN
                        + "\",\"Expiration\":\"" + expiration + "\"}");
            }
            return Reply.of(404, "");
        });
        return imds;
    }

    @Test
    void instanceMetadataV2() throws Exception {
        FakeServer imds = imds("app-role", T0.plus(Duration.ofHours(6)));
        vars.remove("AWS_EC2_METADATA_DISABLED");
        vars.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.uri().toString());
        CredentialChain chain = chain();
        AwsCredentials c = chain.credentials();
        assertEquals(new AwsCredentials("ASIAEC2", SECRET, TOKEN, T0.plus(Duration.ofHours(6)), "instance role app-role"), c);
        assertEquals(List.of("PUT", "GET", "GET"), imds.requests().stream().map(Recorded::method).toList());

        clock.advance(Duration.ofHours(5).plusMinutes(56));
        chain.credentials();
        assertEquals(6, imds.count(), "refreshed 4 minutes before expiry");
    }

    @Test
    void instanceMetadataWithoutRoleOrDisabled() throws Exception {
        FakeServer imds = imds(null, T0);
        vars.remove("AWS_EC2_METADATA_DISABLED");
        vars.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.uri().toString());
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().endsWith("EC2 instance metadata (IMDSv2) at " + imds.uri()
                + " (no IAM role is attached to this instance (role name: HTTP 404)). Set AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run with an IAM role"), e.getMessage());

        int before = imds.count();
        vars.put("AWS_EC2_METADATA_DISABLED", "TRUE");
        e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertTrue(e.getMessage().contains("(disabled by AWS_EC2_METADATA_DISABLED)"), e.getMessage());
        assertEquals(before, imds.count());
    }

    // ---------------------------------------------------------------- everything fails

    @Test
    void oneErrorListsEverySourceInOrder() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        vars.remove("AWS_EC2_METADATA_DISABLED");
        vars.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + closedPort);
        String home = dir.resolve("home").toString();
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertEquals("No AWS credentials found. Tried, in order: "
                + "system properties aws.accessKeyId/aws.secretAccessKey (not set); "
                + "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set); "
                + "web identity AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN (not set); "
                + "shared profile files (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE) (no files at "
                + home + "/.aws/credentials, " + home + "/.aws/config); "
                + "container credentials AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/AWS_CONTAINER_CREDENTIALS_FULL_URI (not set); "
                + "EC2 instance metadata (IMDSv2) at http://127.0.0.1:" + closedPort + "/ (session token: could not connect). "
                + "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run with an IAM role",
                e.getMessage());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void regionOrder() throws IOException {
        assertEquals("eu-north-1", AwsRegion.resolve(Environment.of(Map.of("AWS_REGION", "eu-north-1",
                "AWS_DEFAULT_REGION", "us-west-2"))));
        assertEquals("us-west-2", AwsRegion.resolve(Environment.of(Map.of("AWS_DEFAULT_REGION", "us-west-2",
                "HOME", dir.toString()))));
        Path config = Files.writeString(dir.resolve("config"), "[default]\nregion = ap-south-1\n");
        assertEquals("ap-south-1", AwsRegion.resolve(Environment.of(Map.of("AWS_CONFIG_FILE", config.toString(),
                "HOME", dir.toString()))));
        io.credpool.DatabaseConfigException e = assertThrows(io.credpool.DatabaseConfigException.class,
                () -> AwsRegion.resolve(Environment.of(Map.of("HOME", dir.toString()))));
        assertEquals("No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or region in the AWS profile), "
                + "e.g. AWS_REGION=eu-west-1", e.getMessage());
        assertNotNull(e);
    }

    // ---------------------------------------------------------------- hostile endpoints: deadline and size cap

    private static final String USERINFO_SECRET = "pw-Zq9";

    private CredentialException chainFails() {
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        String trace = LogCapture.stackTrace(e);
        assertFalse(trace.contains(USERINFO_SECRET), trace);
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
