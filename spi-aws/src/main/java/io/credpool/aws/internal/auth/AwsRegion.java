package io.credpool.aws.internal.auth;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import java.io.IOException;
import java.util.Map;

/** The AWS region: {@code aws.region}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, else the profile's {@code region}. */
public final class AwsRegion {

    private AwsRegion() {
    }

    /**
     * The region.
     *
     * @throws DatabaseConfigException when none is set, saying where to set one
     */
    public static String resolve(Environment env) {
        String region = resolveQuietly(env);
        if (region == null) {
            throw new DatabaseConfigException("No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or region in the "
                    + "AWS profile), e.g. AWS_REGION=eu-west-1");
        }
        return region;
    }

    /** The region, or {@code null} when none is set. */
    static String resolveQuietly(Environment env) {
        String[] names = {"aws.region", "AWS_REGION", "AWS_DEFAULT_REGION"};
        for (String name : names) {
            String value = env.get(name).orElse(null);
            if (value != null) {
                return value.trim();
            }
        }
        try {
            Map<String, String> profile = ProfileFiles.load(env).profile();
            String region = profile == null ? null : profile.get("region");
            return region == null || region.isBlank() ? null : region.trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
