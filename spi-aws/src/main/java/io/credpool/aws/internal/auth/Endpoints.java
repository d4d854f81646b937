package io.credpool.aws.internal.auth;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** AWS service endpoints, and the variables that override them. */
public final class Endpoints {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** Plain-HTTP overrides already warned about (variable and endpoint), so each is warned about once. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Endpoints() {
    }

    /**
     * The endpoint of {@code service}: {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL},
     * else {@code https://<prefix>.<region>.<dns suffix>}. An {@code http://} override is warned
     * about once (what is sent to it travels in clear), naming the endpoint without user information.
     *
     * @param serviceVariable the service's part of the variable name, e.g. {@code SECRETS_MANAGER}, {@code STS}
     * @param prefix          the endpoint prefix, e.g. {@code secretsmanager}
     * @param region          the region, or {@code null} for the global endpoint {@code https://<prefix>.amazonaws.com}
     * @throws IllegalArgumentException when {@code region} is not a region name (callers take it from {@link AwsRegion})
     */
    public static URI resolve(Environment env, String serviceVariable, String prefix, String region) {
        String variable = "AWS_ENDPOINT_URL_" + serviceVariable;
        String override = env.get(variable).orElse(null);
        if (override == null) {
            variable = "AWS_ENDPOINT_URL";
            override = env.get(variable).orElse(null);
        }
        if (override != null) {
            URI uri = parse(variable, override.trim());
            if ("http".equalsIgnoreCase(uri.getScheme()) && WARNED.add(variable + " " + AwsHttp.display(uri))) {
                LOG.log(System.Logger.Level.WARNING, variable + " is " + AwsHttp.display(uri) + ": what is sent to it "
                        + "(signed requests with their session token, web identity and SSO tokens) and what it answers "
                        + "(secrets, credentials) travel unencrypted; use https:// outside a local test");
            }
            return uri;
        }
        if (region == null) {
            return URI.create("https://" + prefix + ".amazonaws.com/");
        }
        if (!AwsRegion.isValid(region)) {
            throw new IllegalArgumentException("Not an AWS region name; check it with AwsRegion first");
        }
        return URI.create("https://" + prefix + "." + region + "." + dnsSuffix(region) + "/");
    }

    /** An endpoint URL from a variable, with a path of at least {@code /}. */
    static URI parse(String variable, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new DatabaseConfigException(variable + " is not a valid URL: use e.g. https://host:port");
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new DatabaseConfigException(variable + " must be an http:// or https:// URL with a host");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            return uri.resolve("/");
        }
        return uri;
    }

    /** The DNS suffix of the partition of {@code region}. */
    static String dnsSuffix(String region) {
        if (region.startsWith("cn-")) {
            return "amazonaws.com.cn";
        }
        if (region.startsWith("us-isob-")) {
            return "sc2s.sgov.gov";
        }
        if (region.startsWith("us-iso-")) {
            return "c2s.ic.gov";
        }
        return "amazonaws.com";
    }
}
