package io.credpool.aws.internal.secrets;

import static io.credpool.aws.internal.secrets.FakeSecretsManager.error;
import static io.credpool.aws.internal.secrets.FakeSecretsManager.secretBinary;
import static io.credpool.aws.internal.secrets.FakeSecretsManager.secretString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.auth.AwsCredentialsSource;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.aws.internal.http.HostileServer;
import io.credpool.aws.internal.http.SelfSignedTls;
import io.credpool.testkit.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a local fake that verifies every signature, over HTTP and HTTPS. */
class SecretsManagerClientTest {

    private static final String REGION = "eu-west-1";
    private static final String PASSWORD = "p@ss:/?#%&=w\u00f6rd-\u5bc6\u7801";
    private static final String SECRET_JSON = "{\"host\":\"db.internal\",\"port\":5432,\"username\":\"app\","
            + "\"password\":" + SecretsManagerClient.jsonString(PASSWORD) + ",\"dbname\":\"streams\",\"engine\":\"postgres\"}";
    private static final AwsCredentials KEYS = new AwsCredentials("ASIATESTKEY", "test/secret+key",
            "session-token-value", null, "environment variables");
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private FakeSecretsManager fake;

    @AfterEach
    void close() {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeSecretsManager fake() {
        fake = FakeSecretsManager.http(REGION).accept(KEYS);
        return fake;
    }

    private SecretsManagerClient client(URI endpoint, HttpClient http, Clock clock, AwsCredentialsSource credentials) {
        return new SecretsManagerClient(endpoint, REGION, credentials, http, clock, TIMEOUT, Duration.ofMillis(5));
    }

    private SecretsManagerClient client() {
        return client(fake.uri(), AwsHttp.client(), Clock.systemUTC(), () -> KEYS);
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains("test/secret+key"), text);
        assertFalse(text.contains("session-token-value"), text);
    }

    private CredentialException failure(String secretId) {
        CredentialException e = assertThrows(CredentialException.class, () -> client().getSecretValue(secretId, null));
        assertNoSecret(e.getMessage());
        assertEquals("08001", e.getSQLState());
        assertEquals(java.util.List.of(), fake.problems());
        return e;
    }

    @Test
    void readsTheSecretWithASignedRequest() throws Exception {
        fake().enqueue(secretString("prod/db", SECRET_JSON));
        SecretValue value = client().getSecretValue("prod/db", null);
        assertEquals(SECRET_JSON, value.value());
        assertEquals("prod/db", value.name());
        assertEquals("v-1", value.versionId());
        assertEquals(java.util.List.of(), fake.problems());
        assertEquals(Map.of("SecretId", "prod/db", "VersionStage", "AWSCURRENT"), fake.bodies().get(0));
        assertNoSecret(value.toString());
        assertEquals(1, fake.count());
    }

    @Test
    void readsOverHttpsWithASelfSignedCertificate() throws Exception {
        fake = FakeSecretsManager.https(REGION).accept(KEYS);
        fake.enqueue(secretString("prod/db", SECRET_JSON));
        HttpClient trusting = AwsHttp.newClient(SelfSignedTls.get().clientContext());
        SecretValue value = client(fake.uri(), trusting, Clock.systemUTC(), () -> KEYS)
                .getSecretValue("prod/db", null);
        assertEquals(SECRET_JSON, value.value());
        assertEquals(java.util.List.of(), fake.problems());
    }

    @Test
    void httpsWithAnUntrustedCertificateFails() {
        fake = FakeSecretsManager.https(REGION).accept(KEYS);
        fake.otherwise(r -> secretString("prod/db", SECRET_JSON));
        CredentialException e = assertThrows(CredentialException.class, () -> client().getSecretValue("prod/db", null));
        assertTrue(e.getMessage().startsWith("Could not reach Secrets Manager at " + fake.uri() + " to read secret "
                + "'prod/db' (3 attempts, last: SSLHandshakeException"), e.getMessage());
    }

    @Test
    void secretBinaryHoldsBase64Json() throws Exception {
        fake().enqueue(secretBinary("bin/db", SECRET_JSON.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SECRET_JSON, client().getSecretValue("bin/db", null).value());
    }

    @Test
    void versionStageAndSessionToken() throws Exception {
        fake().enqueue(secretString("prod/db", SECRET_JSON));
        client().getSecretValue("arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-AbC\"", "AWSPREVIOUS");
        assertEquals(Map.of("SecretId", "arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-AbC\"",
                "VersionStage", "AWSPREVIOUS"), fake.bodies().get(0));
        assertEquals(java.util.List.of(), fake.problems());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ResourceNotFoundException | Secrets Manager can't find the specified secret. | Secret 'prod/db' was not found "
                + "in Secrets Manager (eu-west-1): check AWS_SECRET_NAME and AWS_REGION [ResourceNotFoundException: "
                + "Secrets Manager can't find the specified secret.]",
        "AccessDeniedException | User: arn:aws:sts::1:assumed-role/app/x is not authorized to perform: "
                + "secretsmanager:GetSecretValue on resource: prod/db | Access denied reading secret 'prod/db' with AWS "
                + "credentials from environment variables: allow secretsmanager:GetSecretValue on this secret (and "
                + "kms:Decrypt on its KMS key) for this identity [AccessDeniedException: User: "
                + "arn:aws:sts::1:assumed-role/app/x is not authorized to perform: secretsmanager:GetSecretValue on "
                + "resource: prod/db]",
        "DecryptionFailure | Access to KMS is not allowed | Secrets Manager could not decrypt secret 'prod/db': allow "
                + "kms:Decrypt on the secret's KMS key for this identity and check that the key is enabled "
                + "[DecryptionFailure: Access to KMS is not allowed]",
        "InvalidParameterException | Invalid name. | Secrets Manager rejected the request for secret 'prod/db': check "
                + "that AWS_SECRET_NAME is a secret name or ARN and AWS_SECRET_VERSION_STAGE a version stage "
                + "[InvalidParameterException: Invalid name.]",
        "InvalidRequestException | You can't perform this operation on the secret because it was marked for deletion. "
                + "| Secrets Manager cannot return secret 'prod/db' in its current state: it may be scheduled for "
                + "deletion; restore it or point AWS_SECRET_NAME at another secret [InvalidRequestException: You can't "
                + "perform this operation on the secret because it was marked for deletion.]",
    })
    void clientErrorsAreNotRetriedAndSayWhatToFix(String code, String awsMessage, String expected) {
        fake().otherwise(r -> error(400, code, awsMessage));
        assertEquals(expected, failure("prod/db").getMessage());
        assertEquals(1, fake.count());
    }

    @Test
    void notFoundWithAnotherVersionStageNamesIt() {
        fake().otherwise(r -> error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret "
                + "value for staging label: NEXT"));
        CredentialException e = assertThrows(CredentialException.class, () -> client().getSecretValue("prod/db", "NEXT"));
        assertEquals("Secret 'prod/db' was not found in Secrets Manager (eu-west-1, version stage NEXT): check "
                + "AWS_SECRET_NAME, AWS_SECRET_VERSION_STAGE and AWS_REGION [ResourceNotFoundException: Secrets Manager "
                + "can't find the specified secret value for staging label: NEXT]", e.getMessage());
    }

    @Test
    void rejectedCredentials() {
        fake().otherwise(r -> error(400, "UnrecognizedClientException", "The security token included in the request "
                + "is invalid."));
        assertEquals("AWS rejected the credentials from environment variables when reading secret 'prod/db': check "
                + "the access key, secret key and session token, and that AWS_REGION is the secret's region "
                + "[UnrecognizedClientException: The security token included in the request is invalid.]",
                failure("prod/db").getMessage());
        assertEquals(1, fake.count());
    }

    @Test
    void unknownClientErrorIsNotRetried() {
        fake().otherwise(r -> Reply.of(418, "teapot"));
        assertEquals("Secrets Manager refused to return secret 'prod/db' [HTTP 418]", failure("prod/db").getMessage());
        assertEquals(1, fake.count());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void serverErrorsAndThrottlingAreRetried(int status) throws Exception {
        fake().enqueue(status == 429 ? error(429, "TooManyRequestsException", "Rate exceeded")
                : error(status, status == 500 ? "InternalServiceError" : "ServiceUnavailable", "try later"));
        fake.enqueue(secretString("prod/db", SECRET_JSON));
        assertEquals(SECRET_JSON, client().getSecretValue("prod/db", null).value());
        assertEquals(2, fake.count());
        assertEquals(java.util.List.of(), fake.problems());
    }

    @Test
    void throttlingExceptionWith400IsRetried() throws Exception {
        fake().enqueue(error(400, "ThrottlingException", "Rate exceeded"), secretString("prod/db", SECRET_JSON));
        assertEquals(SECRET_JSON, client().getSecretValue("prod/db", null).value());
        assertEquals(2, fake.count());
    }

    @Test
    void threeServerErrorsGiveUp() {
        fake().otherwise(r -> error(503, "ServiceUnavailable", "unavailable"));
        assertEquals("Secrets Manager failed to return secret 'prod/db' (3 attempts, last: HTTP 503 ServiceUnavailable): "
                + "it is throttling or unavailable; try again later", failure("prod/db").getMessage());
        assertEquals(3, fake.count());
    }

    @Test
    void anInterruptStopsTheRetriesAtOnceKeepsTheFlagAndKeepsTheLastFailureAsCause() {
        fake().otherwise(r -> error(503, "ServiceUnavailable", "unavailable"));
        SecretsManagerClient slow = new SecretsManagerClient(fake.uri(), REGION, () -> KEYS,
                AwsHttp.client(), Clock.systemUTC(), TIMEOUT, Duration.ofSeconds(5));
        // The first attempt fails with 503 (up to 5 s of backoff follow) and the interrupt arrives then.
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fake.count() == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        });
        interrupter.start();
        try {
            long start = System.nanoTime();
            CredentialException e = assertThrows(CredentialException.class, () -> slow.getSecretValue("prod/db", null));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is kept");
            assertEquals("Interrupted while retrying Secrets Manager", e.getMessage());
            assertTrue(e.getCause() != null, "the last failure is the cause");
            assertNoSecret(e.getCause().toString());
            assertEquals(1, fake.count(), "no attempt after the interrupt");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "stopped at once");
        } finally {
            Thread.interrupted();
            interrupter.interrupt();
        }
    }

    @Test
    void garbageAndTruncatedJsonAreNotRetried() {
        fake().enqueue(Reply.json(200, "application/x-amz-json-1.1", "<html>proxy error " + PASSWORD + "</html>"));
        assertEquals("Secrets Manager answered the request for secret 'prod/db' with something other than a JSON "
                + "object (Expected a JSON value at offset 0)", failure("prod/db").getMessage());
        assertEquals(1, fake.count());

        fake.enqueue(Reply.json(200, "application/x-amz-json-1.1", "{\"Name\":\"prod/db\",\"SecretString\":\"{\\\"password\\\":\\\""
                + PASSWORD));
        assertEquals("Secrets Manager answered the request for secret 'prod/db' with something other than a JSON "
                + "object (Unterminated string at offset 49)", failure("prod/db").getMessage());
        assertEquals(2, fake.count());
    }

    @Test
    void answerWithoutSecret() {
        fake().enqueue(Reply.json(200, "application/x-amz-json-1.1", "{\"Name\":\"prod/db\"}"));
        assertEquals("Secret 'prod/db' has neither SecretString nor SecretBinary: store the database secret as JSON text",
                failure("prod/db").getMessage());
        fake.enqueue(Reply.json(200, "application/x-amz-json-1.1", "{\"SecretBinary\":\"***not base64***\"}"));
        assertEquals("SecretBinary of secret 'prod/db' is not valid base64", failure("prod/db").getMessage());
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() throws Exception {
        fake().enqueue(secretString("prod/db", SECRET_JSON).after(Duration.ofMillis(2500)));
        fake.enqueue(secretString("prod/db", SECRET_JSON));
        assertEquals(SECRET_JSON, client().getSecretValue("prod/db", null).value());
        assertEquals(2, fake.count());

        fake.otherwise(r -> secretString("prod/db", SECRET_JSON).after(Duration.ofMillis(2500)));
        long start = System.nanoTime();
        assertEquals("Could not reach Secrets Manager at " + fake.uri() + " to read secret 'prod/db' (3 attempts, last: "
                + "no complete answer within 1000 ms): check network access to the endpoint (VPC endpoint or NAT, security groups) "
                + "or set AWS_ENDPOINT_URL_SECRETS_MANAGER", failure("prod/db").getMessage());
        assertEquals(5, fake.count());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void hangUpsAreRetried() throws Exception {
        fake().enqueue(Reply.hangUp(), secretString("prod/db", SECRET_JSON));
        assertEquals(SECRET_JSON, client().getSecretValue("prod/db", null).value());
        assertEquals(2, fake.count());
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/");
        CredentialException e = assertThrows(CredentialException.class, () -> client(closed, AwsHttp.client(),
                Clock.systemUTC(), () -> KEYS).getSecretValue("prod/db", null));
        assertEquals("Could not reach Secrets Manager at " + closed + " to read secret 'prod/db' (3 attempts, last: "
                + "could not connect): check network access to the endpoint (VPC endpoint or NAT, security groups) or set "
                + "AWS_ENDPOINT_URL_SECRETS_MANAGER", e.getMessage());
    }

    @Test
    void aTrickledAnswerEndsAtTheDeadlineOfEachAttempt() throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Mode.TRICKLE)) {
            long start = System.nanoTime();
            CredentialException e = assertThrows(CredentialException.class, () -> client(server.uri(),
                    AwsHttp.client(), Clock.systemUTC(), () -> KEYS).getSecretValue("prod/db", null));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "took " + took);
            assertEquals("Could not reach Secrets Manager at " + server.uri() + " to read secret 'prod/db' (3 attempts, "
                    + "last: no complete answer within 1000 ms): check network access to the endpoint (VPC endpoint or "
                    + "NAT, security groups) or set AWS_ENDPOINT_URL_SECRETS_MANAGER", e.getMessage());
            assertEquals(3, server.requests());
            assertNoSecret(e.getMessage());
        }
    }

    @Test
    void anEndlessAnswerIsCutAtTheCapAndNotRetried() throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Mode.ENDLESS)) {
            URI withUser = URI.create("http://admin:hunter2@127.0.0.1:" + server.uri().getPort() + "/");
            CredentialException e = assertThrows(CredentialException.class, () -> client(withUser,
                    AwsHttp.client(), Clock.systemUTC(), () -> KEYS).getSecretValue("prod/db", null));
            assertEquals("Secrets Manager at " + server.uri() + " answered the request for secret 'prod/db' with more "
                    + "than 2097152 bytes, which no secret needs (the limit is 64 KiB): check "
                    + "AWS_ENDPOINT_URL_SECRETS_MANAGER", e.getMessage());
            assertEquals(1, server.requests());
            assertTrue(server.bytesSent() < 64L * 1024 * 1024, "read " + server.bytesSent() + " bytes");
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void clockSkewIsCorrectedFromTheDateHeaderOnce() throws Exception {
        Instant real = Instant.now();
        MutableClock behind = new MutableClock(real.minus(Duration.ofHours(1)));
        fake().serverTime(real).otherwise(r -> secretString("prod/db", SECRET_JSON));
        SecretsManagerClient client = client(fake.uri(), AwsHttp.client(), behind, () -> KEYS);
        assertEquals(SECRET_JSON, client.getSecretValue("prod/db", null).value());
        assertEquals(2, fake.count(), "one rejected, one corrected");
        client.getSecretValue("prod/db", null);
        assertEquals(3, fake.count(), "the correction is kept");
        assertEquals(java.util.List.of(), fake.problems());
    }

    /** The JDK server always sends Date; a skew that persists after one correction is reported. */
    @Test
    void persistentClockSkewIsRetriedOnceThenReported() {
        fake().otherwise(r -> error(400, "InvalidSignatureException", "Signature expired: 20200101T000000Z is now "
                + "earlier than 20300101T000000Z (20300101T000500Z - 5 min.)"));
        assertEquals("AWS rejected the signature of the request for secret 'prod/db' as expired or not yet valid: the "
                + "clock of this machine is off; synchronise it (NTP) [InvalidSignatureException: Signature expired: "
                + "20200101T000000Z is now earlier than 20300101T000000Z (20300101T000500Z - 5 min.)]",
                failure("prod/db").getMessage());
        assertEquals(2, fake.count());
    }

    @Test
    void expiredSessionCredentialsAreRefreshedOnce() throws Exception {
        AwsCredentials fresh = new AwsCredentials("ASIAFRESH", "fresh/secret", "fresh-token", null, "web identity");
        fake().accept(fresh);
        fake.enqueue(error(400, "ExpiredTokenException", "The security token included in the request is expired"));
        fake.enqueue(secretString("prod/db", SECRET_JSON));
        AtomicInteger invalidations = new AtomicInteger();
        AwsCredentialsSource keys = new AwsCredentialsSource() {
            @Override
            public AwsCredentials credentials() {
                return invalidations.get() == 0 ? KEYS : fresh;
            }

            @Override
            public void invalidate() {
                invalidations.incrementAndGet();
            }
        };
        assertEquals(SECRET_JSON, client(fake.uri(), AwsHttp.client(), Clock.systemUTC(), keys)
                .getSecretValue("prod/db", null).value());
        assertEquals(1, invalidations.get());
        assertEquals(2, fake.count());
    }

    @Test
    void badSignaturesAreCaughtByTheFake() {
        fake = FakeSecretsManager.http(REGION).accept(new AwsCredentials(KEYS.accessKeyId(), "another-secret", null,
                null, "x"));
        fake.otherwise(r -> secretString("prod/db", SECRET_JSON));
        CredentialException e = assertThrows(CredentialException.class, () -> client().getSecretValue("prod/db", null));
        assertTrue(e.getMessage().startsWith("AWS rejected the credentials from environment variables"), e.getMessage());
        assertEquals(1, fake.problems().size());
    }

    @Test
    void endpointAndRegionFromTheEnvironment() {
        AwsCredentialsSource keys = () -> KEYS;
        SecretsManagerClient standard = SecretsManagerClient.create(Environment.of(Map.of("AWS_REGION", "eu-west-1")), keys);
        assertEquals(URI.create("https://secretsmanager.eu-west-1.amazonaws.com/"), standard.endpoint());
        assertEquals(URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn/"), SecretsManagerClient.create(
                Environment.of(Map.of("AWS_DEFAULT_REGION", "cn-north-1")), keys).endpoint());
        SecretsManagerClient local = SecretsManagerClient.create(Environment.of(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:9")), keys);
        assertEquals(URI.create("http://127.0.0.1:9/"), local.endpoint());
        assertEquals("us-east-1", local.region());
        assertEquals(URI.create("http://localhost:4566/"), SecretsManagerClient.create(Environment.of(Map.of(
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://localhost:4566")), keys).endpoint());
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> SecretsManagerClient.create(
                Environment.of(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "localhost:4566")),
                keys));
        assertEquals("AWS_ENDPOINT_URL_SECRETS_MANAGER must be an http:// or https:// URL with a host", e.getMessage());
    }
}
