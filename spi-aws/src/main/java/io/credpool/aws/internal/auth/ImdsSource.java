package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import io.credpool.RetryPolicy;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.internal.retry.Retry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The EC2 instance role from the instance metadata service, IMDSv2 only: a session token (PUT),
 * the role name, then the role's credentials. {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} moves the
 * service; {@code AWS_EC2_METADATA_DISABLED=true} turns this source off.
 */
final class ImdsSource implements AwsCredentialsLink {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RETRY_DELAY = Duration.ofMillis(50);
    private static final String CREDENTIALS_PATH = "latest/meta-data/iam/security-credentials/";

    private final Environment env;
    private final HttpClient http;

    ImdsSource(Environment env, HttpClient http) {
        this.env = env;
        this.http = http;
    }

    @Override
    public String description() {
        String endpoint = endpoint();
        try {
            return "EC2 instance metadata (IMDSv2) at " + AwsHttp.display(new URI(endpoint));
        } catch (java.net.URISyntaxException e) {
            return "EC2 instance metadata (IMDSv2) at an invalid AWS_EC2_METADATA_SERVICE_ENDPOINT";
        }
    }

    private String endpoint() {
        String configured = env.get("aws.ec2MetadataServiceEndpoint").orElse(null);
        if (configured == null) {
            configured = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").orElse(null);
        }
        if (configured != null) {
            configured = configured.trim();
            return configured.endsWith("/") ? configured : configured + "/";
        }
        String mode = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").orElse("IPv4").trim();
        return mode.equalsIgnoreCase("IPv6") ? "http://[fd00:ec2::254]/" : "http://169.254.169.254/";
    }

    @Override
    public AwsCredentials load() throws Unavailable {
        String disabled = env.get("aws.disableEc2Metadata").orElse(env.get("AWS_EC2_METADATA_DISABLED").orElse(""));
        if (disabled.trim().equalsIgnoreCase("true")) {
            throw Unavailable.notConfigured("disabled by AWS_EC2_METADATA_DISABLED");
        }
        String base = endpoint();
        URI root;
        try {
            root = new URI(base);
        } catch (java.net.URISyntaxException e) {
            throw Unavailable.failed("AWS_EC2_METADATA_SERVICE_ENDPOINT is not a valid URL");
        }
        HttpResponse<String> tokenResponse = call(HttpRequest.newBuilder(root.resolve("latest/api/token"))
                .timeout(TIMEOUT).header("X-aws-ec2-metadata-token-ttl-seconds", "21600")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), Step.TOKEN);
        String token = tokenResponse.body().trim();

        HttpResponse<String> roles = call(HttpRequest.newBuilder(root.resolve(CREDENTIALS_PATH)).timeout(TIMEOUT)
                .header("X-aws-ec2-metadata-token", token).GET().build(), Step.ROLE_NAME);
        String role = firstLine(roles.body());
        if (role.isEmpty()) {
            throw Unavailable.failed("no IAM role is attached to this instance");
        }
        HttpResponse<String> credentials = call(HttpRequest.newBuilder(root.resolve(CREDENTIALS_PATH + role))
                .timeout(TIMEOUT).header("X-aws-ec2-metadata-token", token).GET().build(), Step.ROLE_CREDENTIALS);
        return ContainerSource.parse(credentials.body(), "instance metadata", "instance role " + role);
    }

    /** One call, retried on I/O errors and 5xx as its step allows. */
    private HttpResponse<String> call(HttpRequest request, Step step) throws Unavailable {
        return step.retry.call(attempt -> {
            HttpResponse<String> response = SourceRetry.send(http, request);
            int status = response.statusCode();
            if (status == 200) {
                return response;
            }
            if (status == 404 && step.notFoundMeansNoRole) {
                throw Unavailable.failed("no IAM role is attached to this instance (" + step.label + ": HTTP 404)");
            }
            if (status < 500) {
                throw Unavailable.failed(step.label + ": HTTP " + status);
            }
            throw Unavailable.retryable("HTTP " + status, null);
        }, new SourceRetry(step.label, false));
    }

    /** The three calls: what messages call them, how often each is tried, and what a 404 means. */
    private enum Step {
        TOKEN("session token", 1, false),
        ROLE_NAME("role name", 2, true),
        ROLE_CREDENTIALS("role credentials", 2, true);

        final String label;
        final Retry retry;
        /** A 404 says that no role is attached (the token call's 404 says IMDSv2 is not there). */
        final boolean notFoundMeansNoRole;

        Step(String label, int attempts, boolean notFoundMeansNoRole) {
            this.label = label;
            this.retry = Retry.on(new RetryPolicy(attempts, RETRY_DELAY, 1.0, RETRY_DELAY, 0.0));
            this.notFoundMeansNoRole = notFoundMeansNoRole;
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.trim();
        int nl = trimmed.indexOf('\n');
        return (nl < 0 ? trimmed : trimmed.substring(0, nl)).trim();
    }
}
