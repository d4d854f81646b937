package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.internal.config.Redact;
import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Container credentials (ECS task roles, EKS Pod Identity): {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}
 * on {@code http://169.254.170.2}, or {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with the
 * authorization token from {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} or
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. A full URI over plain HTTP must point at a loopback
 * address or at the ECS / EKS link-local agents, as in the SDKs.
 */
final class ContainerSource implements AwsCredentialsLink {

    /** The ECS agent's address for relative URIs. */
    static final URI ECS_BASE = URI.create("http://169.254.170.2");

    private final Environment env;
    private final HttpClient http;
    private final URI relativeBase;

    ContainerSource(Environment env, HttpClient http) {
        this(env, http, ECS_BASE);
    }

    /** With another base for relative URIs: for tests against loopback. */
    ContainerSource(Environment env, HttpClient http, URI relativeBase) {
        this.env = env;
        this.http = http;
        this.relativeBase = relativeBase;
    }

    @Override
    public String description() {
        return "container credentials AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/AWS_CONTAINER_CREDENTIALS_FULL_URI";
    }

    @Override
    public AwsCredentials load() throws Unavailable {
        String relative = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").orElse(null);
        String full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").orElse(null);
        URI uri;
        if (relative != null) {
            String path = relative.trim();
            uri = URI.create(relativeBase.toString() + (path.startsWith("/") ? "" : "/") + path);
        } else if (full != null) {
            try {
                uri = new URI(full.trim());
            } catch (java.net.URISyntaxException e) {
                throw Unavailable.failed("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URI");
            }
            checkAllowed(uri);
        } else {
            throw Unavailable.notConfigured("not set");
        }
        String token = authorizationToken();

        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(AwsHttp.REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET();
        if (token != null) {
            builder.header("Authorization", token);
        }
        HttpRequest request = builder.build();
        String where = "container credentials endpoint " + AwsHttp.display(uri);
        return SourceRetry.ENDPOINT.call(attempt -> {
            HttpResponse<String> response = SourceRetry.send(http, request);
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body(), where, "container role");
            }
            if (status >= 500 || status == 429) {
                throw Unavailable.retryable("HTTP " + status, null);
            }
            throw Unavailable.failed(where + " answered HTTP " + status
                    + (status == 401 || status == 403 ? ": check AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)" : ""));
        }, new SourceRetry(where, true));
    }

    /** The ECS / EKS / IMDS credential document: {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token}, {@code Expiration}. */
    static AwsCredentials parse(String body, String where, String source) throws Unavailable {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body);
        } catch (JsonException e) {
            throw Unavailable.failed(where + " answered something other than a JSON object (" + e.getMessage() + ")");
        }
        String id = ProfileSource.string(json, "AccessKeyId");
        String secret = ProfileSource.string(json, "SecretAccessKey");
        if (id == null || secret == null) {
            throw Unavailable.failed(where + " answered without AccessKeyId and SecretAccessKey");
        }
        Instant expiration = Times.parse(ProfileSource.string(json, "Expiration"));
        return new AwsCredentials(id, secret, ProfileSource.string(json, "Token"), expiration, source);
    }

    private String authorizationToken() throws Unavailable {
        String file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").orElse(null);
        String token;
        if (file != null) {
            try {
                token = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw Unavailable.failed("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file.trim() + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            token = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN").map(String::trim).orElse(null);
        }
        if (token != null && (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0)) {
            throw Unavailable.failed("the container authorization token contains a line break");
        }
        return token;
    }

    /** Plain HTTP only to loopback or the ECS / EKS agents. */
    private static void checkAllowed(URI uri) throws Unavailable {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (host == null || scheme == null) {
            throw Unavailable.failed("AWS_CONTAINER_CREDENTIALS_FULL_URI must be an absolute http(s) URL");
        }
        if (scheme.equalsIgnoreCase("https")) {
            return;
        }
        if (!scheme.equalsIgnoreCase("http")) {
            throw Unavailable.failed("AWS_CONTAINER_CREDENTIALS_FULL_URI must use http or https");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("169.254.170.2") || bare.equals("169.254.170.23") || bare.equalsIgnoreCase("fd00:ec2::23")) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (!address.isLoopbackAddress()) {
                    throw Unavailable.failed("AWS_CONTAINER_CREDENTIALS_FULL_URI over plain http must point at a "
                            + "loopback address or the ECS/EKS agent, not " + host);
                }
            }
        } catch (UnknownHostException e) {
            throw Unavailable.failed("AWS_CONTAINER_CREDENTIALS_FULL_URI host " + host + " is unknown");
        }
    }
}
