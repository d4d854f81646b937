package io.credpool.aws.internal.auth;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS region: {@code aws.region}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, else the
 * profile's {@code region}. Every name is checked as botocore checks it (a DNS label: letters,
 * digits and {@code -}), because it becomes part of an endpoint's host name.
 */
public final class AwsRegion {

    /** A DNS label: 1 to 63 letters, digits and {@code -}, not starting or ending with {@code -}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private AwsRegion() {
    }

    /**
     * The region.
     *
     * @throws DatabaseConfigException when none is set, saying where to set one, or when the one
     *                                 set is not a region name, naming where it was set
     */
    public static String resolve(Environment env) {
        String region = resolveQuietly(env);
        if (region == null) {
            throw new DatabaseConfigException("No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or region in the "
                    + "AWS profile), e.g. AWS_REGION=eu-west-1");
        }
        return region;
    }

    /**
     * The region, or {@code null} when none is set (a profile file that cannot be read counts as
     * unset).
     *
     * @throws DatabaseConfigException when the region set is not a region name, naming where it was set
     */
    public static String resolveQuietly(Environment env) {
        String[] names = {"aws.region", "AWS_REGION", "AWS_DEFAULT_REGION"};
        for (String name : names) {
            String value = env.get(name).orElse(null);
            if (value != null) {
                return checked(value.trim(), name, name + "=eu-west-1");
            }
        }
        ProfileFiles files;
        try {
            files = ProfileFiles.load(env);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Map<String, String> profile = files.profile();
        String region = profile == null ? null : profile.get("region");
        if (region == null || region.isBlank()) {
            return null;
        }
        return checked(region.trim(), "The region of AWS profile '" + files.profileName() + "' in " + files.locations(),
                "region = eu-west-1");
    }

    /** Whether {@code region} may be used as a region name. */
    public static boolean isValid(String region) {
        return region != null && NAME.matcher(region).matches();
    }

    /**
     * {@code region}, when it {@linkplain #isValid is a region name}.
     *
     * @param where   what set it, starting the message
     * @param example how to set it right
     * @throws DatabaseConfigException naming {@code where}, never the value (it may be anything)
     */
    static String checked(String region, String where, String example) {
        if (!isValid(region)) {
            throw new DatabaseConfigException(where + " is not an AWS region name: use letters, digits and '-' only"
                    + " (at most 63, not starting or ending with '-'), e.g. " + example);
        }
        return region;
    }
}
