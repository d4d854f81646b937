package io.credpool.aws.internal.secrets;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.RetryPolicy;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.auth.AwsCredentialsSource;
import io.credpool.aws.internal.auth.AwsRegion;
import io.credpool.aws.internal.auth.Endpoints;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.sign.Crypto;
import io.credpool.aws.internal.sign.SigV4Request;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import io.credpool.aws.internal.sign.SigV4Signature;
import io.credpool.aws.internal.sign.SigV4Signer;
import io.credpool.aws.internal.sign.SigV4Signer.Option;
import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import io.credpool.internal.retry.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GetSecretValue} over the awsJson1_1 protocol: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, signed with SigV4.
 *
 * <p>Throttling, server errors, timeouts and I/O errors are retried with exponential backoff and
 * full jitter, {@value #ATTEMPTS} attempts in all. A signature rejected as expired or from the
 * future is retried once with the clock corrected from the response's {@code Date}; expired session
 * credentials are refreshed once. Client errors are not retried and each becomes a
 * {@link CredentialException} that says what to fix. No message ever holds a secret value.
 * Thread-safe.
 */
public final class SecretsManagerClient {

    /** Attempts in all for retryable failures. */
    public static final int ATTEMPTS = 3;

    /** The version stage read when none is configured. */
    public static final String CURRENT = "AWSCURRENT";

    /** The stage of the version a rotation is putting in place, until it becomes {@link #CURRENT}. */
    public static final String PENDING = "AWSPENDING";

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int MAX_AWS_MESSAGE = 300;

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsSource credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final Retry retry;
    private final SigV4Signer signer;
    private final String host;
    private volatile Duration clockOffset = Duration.ZERO;

    SecretsManagerClient(URI endpoint, String region, AwsCredentialsSource credentials, HttpClient http, Clock clock,
                         Duration timeout, Duration backoffBase) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
        // Exponential backoff with full jitter from backoffBase, at most MAX_BACKOFF.
        this.retry = Retry.on(new RetryPolicy(ATTEMPTS, backoffBase, 2.0, MAX_BACKOFF, 1.0));
        this.signer = new SigV4Signer("secretsmanager", region);
        this.host = AwsHttp.hostHeader(endpoint);
    }

    /**
     * A client for the region and endpoint of {@code env}: {@code AWS_ENDPOINT_URL_SECRETS_MANAGER},
     * else {@code AWS_ENDPOINT_URL}, else {@code https://secretsmanager.<region>.amazonaws.com}.
     *
     * @throws io.credpool.DatabaseConfigException when no region is set or an endpoint is malformed
     */
    public static SecretsManagerClient create(Environment env, AwsCredentialsSource credentials) {
        return create(env, credentials, AwsHttp.client());
    }

    /** As {@link #create(Environment, AwsCredentialsSource)}, on another HTTP client (tests: TLS trust). */
    public static SecretsManagerClient create(Environment env, AwsCredentialsSource credentials, HttpClient http) {
        String region = AwsRegion.resolve(env);
        URI endpoint = Endpoints.resolve(env, "SECRETS_MANAGER", "secretsmanager", region);
        return new SecretsManagerClient(endpoint, region, credentials, http, Clock.systemUTC(),
                AwsHttp.REQUEST_TIMEOUT, Duration.ofMillis(250));
    }

    /** Where requests go. */
    public URI endpoint() {
        return endpoint;
    }

    /** The signing region. */
    public String region() {
        return region;
    }

    /**
     * Reads the secret {@code secretId} (name or ARN) at {@code versionStage}.
     *
     * @throws CredentialException when it cannot be read; the message says what to fix
     */
    public SecretValue getSecretValue(String secretId, String versionStage) throws CredentialException {
        String stage = versionStage == null || versionStage.isBlank() ? CURRENT : versionStage.trim();
        byte[] body = ("{\"SecretId\":" + jsonString(secretId) + ",\"VersionStage\":" + jsonString(stage) + "}")
                .getBytes(StandardCharsets.UTF_8);
        String payloadHash = Crypto.sha256Hex(body);
        Subject subject = new Subject(secretId);

        Call call = new Call(body, payloadHash, subject, stage);
        return retry.call(call, new Retry.Failures<CredentialException>() {
            @Override
            public boolean retryable(CredentialException e) {
                return e instanceof Retryable;
            }

            @Override
            public CredentialException exhausted(CredentialException last, int attempts) {
                String failure = last.getMessage();
                if (((Retryable) last).unreachable) {
                    return new CredentialException("Could not reach Secrets Manager at " + AwsHttp.display(endpoint)
                            + " to read " + subject + " (" + attempts + " attempts, last: " + failure + "): check network "
                            + "access to the endpoint (VPC endpoint or NAT, security groups) or set "
                            + "AWS_ENDPOINT_URL_SECRETS_MANAGER", last);
                }
                return new CredentialException("Secrets Manager failed to return " + subject + " (" + attempts
                        + " attempts, last: " + failure + "): it is throttling or unavailable; try again later", last);
            }

            @Override
            public CredentialException interrupted(CredentialException last) {
                return new CredentialException("Interrupted while retrying Secrets Manager", last);
            }
        });
    }

    /**
     * Reads the secret {@code secretId} at {@code versionStage}, if a version has that stage: no
     * version with it ({@code ResourceNotFoundException}, e.g. {@link #PENDING} between rotations)
     * is an empty answer, not an error.
     *
     * @throws CredentialException when it cannot be read for any other reason
     */
    public Optional<SecretValue> findSecretValue(String secretId, String versionStage)
            throws CredentialException {
        try {
            return Optional.of(getSecretValue(secretId, versionStage));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** Drops the AWS keys the credential chain cached: the next request fetches them anew (a checkpoint). */
    public void forgetKeys() {
        credentials.invalidate();
    }

    /**
     * One {@code GetSecretValue}, as the retry loop tries it. A signature rejected for clock skew
     * and expired session credentials are each put right once per call and sent again at once,
     * within the same attempt.
     */
    private final class Call implements Retry.Attempt<SecretValue, CredentialException> { // not a lambda: cold path
        private final byte[] body;
        private final String payloadHash;
        private final Subject subject;
        private final String stage;
        private boolean clockCorrected;
        private boolean credentialsRefreshed;

        Call(byte[] body, String payloadHash, Subject subject, String stage) {
            this.body = body;
            this.payloadHash = payloadHash;
            this.subject = subject;
            this.stage = stage;
        }

        @Override
        public SecretValue run(int attempt) throws CredentialException {
            for (;;) {
                AwsCredentials keys = credentials.credentials();
                HttpResponse<String> response;
                try {
                    response = AwsHttp.send(http, signedRequest(body, payloadHash, keys));
                } catch (AwsHttp.BodyTooLarge e) {
                    throw new CredentialException("Secrets Manager at " + AwsHttp.display(endpoint) + " answered the "
                            + "request for " + subject + " with more than " + AwsHttp.MAX_BODY_BYTES + " bytes, which "
                            + "no secret needs (the limit is 64 KiB): check AWS_ENDPOINT_URL_SECRETS_MANAGER");
                } catch (HttpTimeoutException e) {
                    throw new Retryable("no complete answer within " + timeout.toMillis() + " ms", true, e);
                } catch (IOException e) {
                    throw new Retryable(AwsHttp.describe(e), true, e);
                }
                int status = response.statusCode();
                if (status == 200) {
                    return parse(response.body(), subject);
                }
                AwsError error = AwsError.of(response);
                if (!clockCorrected && error.isClockSkew()) {
                    Instant serverTime = serverTime(response);
                    if (serverTime != null) {
                        clockOffset = Duration.between(clock.instant(), serverTime);
                        clockCorrected = true;
                        continue;
                    }
                }
                if (!credentialsRefreshed && error.code.equals("ExpiredTokenException")) {
                    credentials.invalidate();
                    credentialsRefreshed = true;
                    continue;
                }
                if (status == 429 || status >= 500 || error.isThrottling()) {
                    throw new Retryable("HTTP " + status + (error.code.isEmpty() ? "" : " " + error.code), false, null);
                }
                throw clientError(error, status, subject, stage, keys);
            }
        }
    }

    /** The secret as messages name it: {@code secret 'id'} within a sentence, {@code Secret 'id'} at its start. */
    private record Subject(String secretId) {
        String atSentenceStart() {
            return "Secret '" + secretId + "'";
        }

        @Override
        public String toString() {
            return "secret '" + secretId + "'";
        }
    }

    /** {@code ResourceNotFoundException}: no such secret, or no version of it has the stage asked for. */
    private static final class NotFound extends CredentialException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /** A failure worth another attempt; its message is the failure alone, for the final message. */
    private static final class Retryable extends CredentialException {
        private static final long serialVersionUID = 1L;

        /** An I/O error or timeout (the endpoint may be unreachable), not an answer. */
        final boolean unreachable;

        Retryable(String failure, boolean unreachable, Throwable cause) {
            super(failure, cause);
            this.unreachable = unreachable;
        }
    }

    private HttpRequest signedRequest(byte[] body, String payloadHash, AwsCredentials keys) {
        List<Param> headers = new ArrayList<>(3);
        headers.add(new Param("Host", host));
        headers.add(new Param("Content-Type", "application/x-amz-json-1.1"));
        headers.add(new Param("X-Amz-Target", "secretsmanager.GetSecretValue"));
        SigV4Signature signature = signer.sign(new SigV4Request("POST", endpoint.getRawPath(), List.of(), headers,
                payloadHash), keys, clock.instant().plus(clockOffset), Option.CONTENT_SHA256);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Param h : signature.headers()) {
            builder.header(h.name(), h.value());
        }
        return builder.build();
    }

    private SecretValue parse(String body, Subject subject) throws CredentialException {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body);
        } catch (JsonException e) {
            throw new CredentialException("Secrets Manager answered the request for " + subject
                    + " with something other than a JSON object (" + e.getMessage() + ")");
        }
        String value = string(json, "SecretString");
        if (value == null) {
            String binary = string(json, "SecretBinary");
            if (binary == null) {
                throw new CredentialException(subject.atSentenceStart() + " has neither SecretString nor "
                        + "SecretBinary: store the database secret as JSON text");
            }
            try {
                value = new String(Base64.getMimeDecoder().decode(binary), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialException("SecretBinary of " + subject + " is not valid base64");
            }
        }
        return new SecretValue(string(json, "ARN"), string(json, "Name"), string(json, "VersionId"), value);
    }

    private CredentialException clientError(AwsError error, int status, Subject subject, String stage,
                                            AwsCredentials keys) {
        String detail = error.detail(status);
        switch (error.code) {
            case "ResourceNotFoundException":
                return new NotFound(subject.atSentenceStart() + " was not found in Secrets Manager ("
                        + region + (CURRENT.equals(stage) ? "" : ", version stage " + stage) + "): check AWS_SECRET_NAME"
                        + (CURRENT.equals(stage) ? "" : ", AWS_SECRET_VERSION_STAGE") + " and AWS_REGION " + detail);
            case "AccessDeniedException":
                return new CredentialException("Access denied reading " + subject + " with AWS credentials from "
                        + keys.source() + ": allow secretsmanager:GetSecretValue on this secret (and kms:Decrypt on its "
                        + "KMS key) for this identity " + detail);
            case "DecryptionFailure":
                return new CredentialException("Secrets Manager could not decrypt " + subject + ": allow kms:Decrypt on "
                        + "the secret's KMS key for this identity and check that the key is enabled " + detail);
            case "InvalidParameterException":
                return new CredentialException("Secrets Manager rejected the request for " + subject + ": check that "
                        + "AWS_SECRET_NAME is a secret name or ARN and AWS_SECRET_VERSION_STAGE a version stage "
                        + detail);
            case "InvalidRequestException":
                return new CredentialException("Secrets Manager cannot return " + subject + " in its current state: it "
                        + "may be scheduled for deletion; restore it or point AWS_SECRET_NAME at another secret "
                        + detail);
            default:
                if (error.isClockSkew()) {
                    return new CredentialException("AWS rejected the signature of the request for " + subject
                            + " as expired or not yet valid: the clock of this machine is off; synchronise it (NTP) "
                            + detail);
                }
                if (error.isAuthentication() || status == 401 || status == 403) {
                    return new CredentialException("AWS rejected the credentials from " + keys.source() + " when "
                            + "reading " + subject + ": check the access key, secret key and session token, and that "
                            + "AWS_REGION is the secret's region " + detail);
                }
                return new CredentialException("Secrets Manager refused to return " + subject + " " + detail);
        }
    }

    private static Instant serverTime(HttpResponse<String> response) {
        String date = response.headers().firstValue("Date").orElse(null);
        if (date == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String string(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value instanceof String ? (String) value : null;
    }

    /** A JSON string literal. */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The error code and message of an awsJson answer, from the body or the {@code x-amzn-ErrorType} header. */
    static final class AwsError {
        final String code;
        final String message;

        private AwsError(String code, String message) {
            this.code = code;
            this.message = message;
        }

        static AwsError of(HttpResponse<String> response) {
            String code = null;
            String message = null;
            try {
                Map<String, Object> json = Json.parseObject(response.body());
                code = string(json, "__type");
                message = string(json, "message");
                if (message == null) {
                    message = string(json, "Message");
                }
            } catch (JsonException e) {
                // not JSON: the header may still say
            }
            if (code == null) {
                code = response.headers().firstValue("x-amzn-ErrorType").orElse("");
                int colon = code.indexOf(':');
                if (colon >= 0) {
                    code = code.substring(0, colon);
                }
            }
            int hash = code.lastIndexOf('#');
            if (hash >= 0) {
                code = code.substring(hash + 1);
            }
            return new AwsError(code.trim(), message);
        }

        boolean isThrottling() {
            return code.equals("ThrottlingException") || code.equals("TooManyRequestsException")
                    || code.equals("RequestLimitExceeded") || code.equals("Throttling")
                    || code.equals("RequestThrottled") || code.equals("LimitExceededException");
        }

        boolean isClockSkew() {
            if (code.equals("RequestTimeTooSkewed") || code.equals("RequestExpired")
                    || code.equals("RequestInTheFuture")) {
                return true;
            }
            return code.equals("InvalidSignatureException") && message != null
                    && (message.contains("Signature expired") || message.contains("Signature not yet current"));
        }

        boolean isAuthentication() {
            return code.equals("UnrecognizedClientException") || code.equals("InvalidClientTokenId")
                    || code.equals("InvalidSignatureException") || code.equals("SignatureDoesNotMatch")
                    || code.equals("IncompleteSignature") || code.equals("MissingAuthenticationToken")
                    || code.equals("ExpiredTokenException");
        }

        /** {@code [Code: message]} with the message shortened, or {@code [HTTP status]}. */
        String detail(int status) {
            String shown = code.isEmpty() ? "HTTP " + status : code;
            if (message != null && !message.isBlank()) {
                String m = message.length() > MAX_AWS_MESSAGE ? message.substring(0, MAX_AWS_MESSAGE) + "..." : message;
                shown = shown + ": " + m;
            }
            return "[" + shown + "]";
        }
    }
}
