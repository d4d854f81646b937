package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.sign.Crypto;
import io.credpool.aws.internal.sign.SigV4Request;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import io.credpool.aws.internal.sign.SigV4Signature;
import io.credpool.aws.internal.sign.SigV4Signer;
import io.credpool.aws.internal.sign.SigV4Signer.Option;
import io.credpool.aws.internal.sign.UriEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * STS {@code AssumeRole} for a profile's {@code role_arn}: a form POST signed with SigV4 by the
 * source credentials, at {@code AWS_ENDPOINT_URL_STS} (else {@code AWS_ENDPOINT_URL}, else the
 * regional endpoint, else {@code sts.amazonaws.com} signed for {@code us-east-1}). Optional
 * {@code role_session_name}, {@code external_id} and {@code duration_seconds} come from the profile.
 *
 * @param profile         the profile that names the role
 * @param roleArn         {@code role_arn}
 * @param sessionName     {@code role_session_name}, or {@code null} for {@code credpool-<millis>}
 * @param externalId      {@code external_id}, or {@code null}
 * @param durationSeconds {@code duration_seconds}, or {@code null} for STS's default (one hour)
 */
record AssumeRole(String profile, String roleArn, String sessionName, String externalId, Integer durationSeconds) {

    /** The region STS is signed for when none is configured (the global endpoint's). */
    static final String GLOBAL_REGION = "us-east-1";

    /**
     * The role settings of profile {@code name}.
     *
     * @throws Unavailable when {@code duration_seconds} is not a whole number, or {@code mfa_serial}
     *                     asks for a code no one is there to type
     */
    static AssumeRole of(String name, Map<String, String> profile) throws Unavailable {
        if (present(profile.get("mfa_serial"))) {
            throw Unavailable.failed("profile " + name + " sets mfa_serial, and credpool cannot ask for an MFA code: "
                    + "remove mfa_serial, or set credential_process = aws configure export-credentials --profile "
                    + name + " --format process in another profile and use that one");
        }
        Integer duration = null;
        String text = profile.get("duration_seconds");
        if (present(text)) {
            try {
                duration = Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw Unavailable.failed("profile " + name + " duration_seconds is not a whole number of seconds: "
                        + "use e.g. duration_seconds = 3600 (900 to the role's maximum session duration)");
            }
        }
        return new AssumeRole(name, profile.get("role_arn").trim(), trimmed(profile.get("role_session_name")),
                trimmed(profile.get("external_id")), duration);
    }

    /**
     * Assumes the role with {@code source}; retries throttling, server errors and I/O failures.
     *
     * @param sourceLabel what {@code source} came from, for messages, e.g. {@code source_profile base}
     */
    AwsCredentials call(Environment env, HttpClient http, Clock clock, AwsCredentials source, String sourceLabel)
            throws Unavailable {
        String region = AwsRegion.resolveQuietly(env);
        URI endpoint = Endpoints.resolve(env, "STS", "sts", region);
        SigV4Signer signer = new SigV4Signer("sts", region == null ? GLOBAL_REGION : region);
        byte[] body = body(clock).getBytes(StandardCharsets.UTF_8);
        String payloadHash = Crypto.sha256Hex(body);
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        List<Param> headers = List.of(new Param("Host", AwsHttp.hostHeader(endpoint)),
                new Param("Content-Type", contentType));
        String what = "STS AssumeRole for " + roleArn + " (profile " + profile + ") at " + AwsHttp.display(endpoint);
        return SourceRetry.ENDPOINT.call(attempt -> {
            SigV4Signature signature = signer.sign(new SigV4Request("POST", endpoint.getRawPath(), List.of(), headers,
                    payloadHash), source, clock.instant(), Option.CONTENT_SHA256);
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(AwsHttp.REQUEST_TIMEOUT)
                    .header("Content-Type", contentType).header("Accept", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (Param h : signature.headers()) {
                request.header(h.name(), h.value());
            }
            HttpResponse<String> response = SourceRetry.send(http, request.build());
            if (response.statusCode() == 200) {
                return StsAnswer.credentials(response.body(), what, "profile " + profile + " role " + roleArn);
            }
            StsAnswer.Error error = StsAnswer.Error.of(response.statusCode(), response.body());
            if (error.retryable()) {
                throw Unavailable.retryable(error.toString(), null);
            }
            throw Unavailable.failed(refusal(error, sourceLabel, what));
        }, new SourceRetry(what, true));
    }

    private String body(Clock clock) {
        StringBuilder body = new StringBuilder(256).append("Action=AssumeRole&Version=2011-06-15&RoleArn=")
                .append(UriEncoding.encode(roleArn)).append("&RoleSessionName=")
                .append(UriEncoding.encode(sessionName != null ? sessionName : "credpool-" + clock.millis()));
        if (externalId != null) {
            body.append("&ExternalId=").append(UriEncoding.encode(externalId));
        }
        if (durationSeconds != null) {
            body.append("&DurationSeconds=").append(durationSeconds);
        }
        return body.toString();
    }

    /** A final refusal, with what to fix: the policies, the source credentials, or the profile. */
    private String refusal(StsAnswer.Error error, String sourceLabel, String what) {
        String code = error.code() == null ? "" : error.code();
        switch (code) {
            case "AccessDenied":
                return "profile " + profile + " may not assume role " + roleArn + " (" + error + "): the role's trust "
                        + "policy must allow sts:AssumeRole by the identity of " + sourceLabel + ", and that identity's "
                        + "own policies must allow sts:AssumeRole on the role"
                        + (externalId == null ? "" : "; check that external_id matches the trust policy's sts:ExternalId");
            case "ExpiredToken":
            case "InvalidClientTokenId":
            case "SignatureDoesNotMatch":
            case "UnrecognizedClientException":
                return "STS refused the credentials of " + sourceLabel + " that profile " + profile + " assumes role "
                        + roleArn + " with (" + error + "): renew or correct those credentials";
            case "RegionDisabledException":
                return what + " failed (" + error + "): activate STS in that region, or set AWS_REGION to another";
            default:
                return what + " failed: " + error + "; check role_arn, role_session_name, external_id and "
                        + "duration_seconds of profile " + profile;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String trimmed(String value) {
        return present(value) ? value.trim() : null;
    }
}
