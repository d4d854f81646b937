package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.sign.UriEncoding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A role assumed with a web identity token (EKS IRSA and the like): {@code AWS_WEB_IDENTITY_TOKEN_FILE}
 * and {@code AWS_ROLE_ARN} [+ {@code AWS_ROLE_SESSION_NAME}], exchanged at STS with the unsigned
 * {@code AssumeRoleWithWebIdentity} call. The token file is re-read for every exchange: it rotates.
 */
final class WebIdentitySource implements AwsCredentialsLink {

    private final Environment env;
    private final HttpClient http;
    private final Clock clock;

    WebIdentitySource(Environment env, HttpClient http, Clock clock) {
        this.env = env;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "web identity AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN";
    }

    @Override
    public AwsCredentials load() throws Unavailable {
        String tokenFile = env.get("AWS_WEB_IDENTITY_TOKEN_FILE").orElse(null);
        String roleArn = env.get("AWS_ROLE_ARN").orElse(null);
        if (tokenFile == null && roleArn == null) {
            throw Unavailable.notConfigured("not set");
        }
        if (tokenFile == null || roleArn == null) {
            throw Unavailable.failed((tokenFile == null ? "AWS_ROLE_ARN" : "AWS_WEB_IDENTITY_TOKEN_FILE")
                    + " is set but " + (tokenFile == null ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "AWS_ROLE_ARN") + " is not");
        }
        String sessionName = env.get("AWS_ROLE_SESSION_NAME").orElse(null);
        return assume(env, http, clock, roleArn.trim(), sessionName, Path.of(tokenFile.trim()), "web identity");
    }

    /** Exchanges the token in {@code tokenFile} for the role's credentials; shared with profiles. */
    static AwsCredentials assume(Environment env, HttpClient http, Clock clock, String roleArn, String sessionName,
                                 Path tokenFile, String source) throws Unavailable {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            throw Unavailable.failed("token file " + tokenFile + " does not exist");
        } catch (IOException e) {
            throw Unavailable.failed("token file " + tokenFile + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (token.isEmpty()) {
            throw Unavailable.failed("token file " + tokenFile + " is empty");
        }
        if (sessionName == null || sessionName.isBlank()) {
            sessionName = "credpool-" + clock.millis();
        }
        URI endpoint = Endpoints.resolve(env, "STS", "sts", AwsRegion.resolveQuietly(env));
        String body = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" + UriEncoding.encode(roleArn)
                + "&RoleSessionName=" + UriEncoding.encode(sessionName.trim())
                + "&WebIdentityToken=" + UriEncoding.encode(token);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(AwsHttp.REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String what = "STS AssumeRoleWithWebIdentity for " + roleArn + " at " + AwsHttp.display(endpoint);
        return SourceRetry.ENDPOINT.call(attempt -> {
            HttpResponse<String> response = SourceRetry.send(http, request);
            String xml = response.body();
            int status = response.statusCode();
            if (status == 200) {
                return StsAnswer.credentials(xml, what, source + " " + roleArn);
            }
            StsAnswer.Error error = StsAnswer.Error.of(status, xml);
            if (error.retryable()) {
                throw Unavailable.retryable(error.toString(), null);
            }
            throw Unavailable.failed(what + " failed: " + error);
        }, new SourceRetry(what, true));
    }

}
