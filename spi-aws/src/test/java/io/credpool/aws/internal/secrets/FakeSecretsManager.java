package io.credpool.aws.internal.secrets;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Recorded;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.aws.internal.http.SelfSignedTls;
import io.credpool.aws.internal.sign.SignatureCheck;
import io.credpool.internal.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local Secrets Manager: checks that every request is a well-formed {@code GetSecretValue}
 * whose SigV4 signature the AWS SDK v2 signer reproduces (answering {@code 403
 * InvalidSignatureException} otherwise, as AWS does), then plays the scripted answer.
 */
public final class FakeSecretsManager implements AutoCloseable {

    /** The fake's own clock for signature-age checks; tests may move it. */
    private volatile Instant serverNow;
    private final FakeServer server;
    private final String region;
    private final Map<String, AwsCredentials> keys = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> bodies = new CopyOnWriteArrayList<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    /** A well-formed request as it arrived: when, the version stage it asked for, the access key that signed it. */
    public record Arrival(Instant at, String stage, String accessKeyId) {
    }

    private FakeSecretsManager(FakeServer server, String region) {
        SignatureCheck.warmUp();
        this.server = server;
        this.region = region;
    }

    /** Over plain HTTP. */
    public static FakeSecretsManager http(String region) {
        return new FakeSecretsManager(FakeServer.http(), region);
    }

    /** Over HTTPS with the test's self-signed certificate. */
    public static FakeSecretsManager https(String region) {
        return new FakeSecretsManager(FakeServer.https(SelfSignedTls.get()), region);
    }

    /** Accepts signatures made with {@code credentials}. */
    public FakeSecretsManager accept(AwsCredentials credentials) {
        keys.put(credentials.accessKeyId(), credentials);
        return this;
    }

    /** Checks signature age against this time instead of the real clock. */
    public FakeSecretsManager serverTime(Instant now) {
        this.serverNow = now;
        return this;
    }

    public URI uri() {
        return server.uri();
    }

    /** Requests that reached the fake, valid or not. */
    public int count() {
        return server.count();
    }

    /** What was wrong with requests, if anything (empty when every request was well-formed and signed). */
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        for (RuntimeException e : server.failures()) {
            all.add("handler failed: " + e);
        }
        return all;
    }

    /** The JSON bodies of the requests. */
    public List<Map<String, Object>> bodies() {
        return new ArrayList<>(bodies);
    }

    /** The well-formed requests in order of arrival, with their time and stage ({@code AWSCURRENT} when none). */
    public List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    /**
     * Answers every later request as Secrets Manager does for a secret whose versions carry stages:
     * the {@code SecretString} of the version with the stage asked for ({@code AWSCURRENT} when the
     * request names none), as {@code secretOfStage} gives it now, or {@code ResourceNotFoundException}
     * when it gives null (no version has that stage, e.g. {@code AWSPENDING} between rotations).
     */
    public FakeSecretsManager serveStages(String name, Function<String, String> secretOfStage) {
        return otherwise(r -> {
            String stage = stageOf(r);
            String secret = secretOfStage.apply(stage);
            return secret == null ? noSuchStage(stage) : secretString(name, secret, stage);
        });
    }

    /** Answers the next requests with these replies. */
    public FakeSecretsManager enqueue(Reply... replies) {
        for (Reply reply : replies) {
            server.enqueue(r -> check(r, reply));
        }
        return this;
    }

    /** Answers every later request with {@code handler} once the queue is empty. */
    public FakeSecretsManager otherwise(Function<Recorded, Reply> handler) {
        server.otherwise(r -> check(r, handler.apply(r)));
        return this;
    }

    // ------------------------------------------------------------------ answers

    /** A JSON string literal. */
    public static String jsonString(String s) {
        return SecretsManagerClient.jsonString(s);
    }

    /** A 200 answer holding {@code secretString}. */
    public static Reply secretString(String name, String secretString) {
        return Reply.json(200, "application/x-amz-json-1.1", "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:"
                + "secret:" + name + "-AbCdEf\",\"Name\":\"" + name + "\",\"VersionId\":\"v-1\",\"SecretString\":"
                + SecretsManagerClient.jsonString(secretString) + ",\"VersionStages\":[\"AWSCURRENT\"],"
                + "\"CreatedDate\":1.7e9}");
    }

    /** A 200 answer holding {@code secretString} as the version that has {@code stage}, its id named for the stage. */
    public static Reply secretString(String name, String secretString, String stage) {
        return Reply.json(200, "application/x-amz-json-1.1", "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:"
                + "secret:" + name + "-AbCdEf\",\"Name\":\"" + name + "\",\"VersionId\":\"v-" + stage.toLowerCase()
                + "\",\"SecretString\":" + SecretsManagerClient.jsonString(secretString) + ",\"VersionStages\":[\""
                + stage + "\"],\"CreatedDate\":1.7e9}");
    }

    /** AWS's answer when no version of the secret has {@code stage}. */
    public static Reply noSuchStage(String stage) {
        return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for "
                + "staging label: " + stage);
    }

    /** The stage a request asks for: its {@code VersionStage}, else {@code AWSCURRENT}. */
    public static String stageOf(Recorded r) {
        Object stage = Json.parseObject(r.bodyText()).get("VersionStage");
        return stage instanceof String ? (String) stage : SecretsManagerClient.CURRENT;
    }

    /** A 200 answer holding {@code secret} as SecretBinary. */
    public static Reply secretBinary(String name, byte[] secret) {
        return Reply.json(200, "application/x-amz-json-1.1", "{\"Name\":\"" + name + "\",\"VersionId\":\"v-2\","
                + "\"SecretBinary\":\"" + Base64.getEncoder().encodeToString(secret) + "\"}");
    }

    /** An awsJson error answer. */
    public static Reply error(int status, String code, String message) {
        return Reply.json(status, "application/x-amz-json-1.1", "{\"__type\":\"" + code + "\",\"message\":"
                + SecretsManagerClient.jsonString(message) + "}").withHeader("x-amzn-ErrorType", code + ":");
    }

    // ------------------------------------------------------------------ checking

    private Reply check(Recorded r, Reply scripted) {
        String problem = problem(r);
        if (problem != null) {
            problems.add(problem);
            return error(403, "InvalidSignatureException", "The request signature we calculated does not match "
                    + "the signature you provided.");
        }
        String authorization = r.header("Authorization");
        arrivals.add(new Arrival(Instant.now(), stageOf(r), authorization.substring(
                "AWS4-HMAC-SHA256 Credential=".length(), authorization.indexOf('/'))));
        Instant now = serverNow != null ? serverNow : Instant.now();
        Instant signedAt = SignatureCheck.amzDate(r.header("X-Amz-Date"));
        if (Duration.between(signedAt, now).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC));
            return error(400, "InvalidSignatureException", "Signature expired: " + r.header("X-Amz-Date")
                    + " is now earlier than " + now + " - 5 min.").withHeader("Date", date);
        }
        return scripted;
    }

    @SuppressWarnings("unchecked")
    private String problem(Recorded r) {
        if (!r.method().equals("POST") || !r.rawPath().equals("/") || r.rawQuery() != null) {
            return "not POST /: " + r.method() + " " + r.rawPath();
        }
        if (!"secretsmanager.GetSecretValue".equals(r.header("X-Amz-Target"))) {
            return "X-Amz-Target is " + r.header("X-Amz-Target");
        }
        if (!"application/x-amz-json-1.1".equals(r.header("Content-Type"))) {
            return "Content-Type is " + r.header("Content-Type");
        }
        try {
            Map<String, Object> body = Json.parseObject(r.bodyText());
            bodies.add(body);
        } catch (RuntimeException e) {
            return "body is not JSON";
        }
        return SignatureCheck.problem(r, server.uri(), keys, region, "secretsmanager");
    }

    @Override
    public void close() {
        server.close();
    }
}
