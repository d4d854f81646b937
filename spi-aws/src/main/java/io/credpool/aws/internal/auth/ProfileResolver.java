package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a profile into credentials as the AWS SDKs do. The profile in use is tried as: a role
 * ({@code role_arn}) assumed with the credentials of {@code source_profile} or
 * {@code credential_source}; a role assumed with {@code web_identity_token_file}; IAM Identity
 * Center ({@code sso_session} or {@code sso_start_url}); static keys; {@code credential_process}.
 * A source profile's static keys come first, which lets a role profile name itself as its source.
 * A cycle of source profiles, or a chain of more than {@value #MAX_PROFILES} profiles, is an error
 * naming them. One resolver serves one {@link #resolve} call.
 */
final class ProfileResolver {

    /** The most profiles one chain of {@code source_profile} may pass through. */
    static final int MAX_PROFILES = 5;

    private static final String CREDENTIAL_SOURCES = "Environment, Ec2InstanceMetadata or EcsContainer";

    private final Environment env;
    private final HttpClient http;
    private final Clock clock;
    private final ProfileFiles files;
    private final List<String> visited = new ArrayList<>();

    ProfileResolver(Environment env, HttpClient http, Clock clock, ProfileFiles files) {
        this.env = env;
        this.http = http;
        this.clock = clock;
        this.files = files;
    }

    /** The credentials of profile {@code name}, which exists. */
    AwsCredentials resolve(String name) throws Unavailable {
        visited.add(name);
        return resolve(name, files.profile(name), true);
    }

    private AwsCredentials resolve(String name, Map<String, String> profile, boolean inUse) throws Unavailable {
        String label = "profile " + name;
        if (!inUse && hasKeys(profile)) {
            return staticKeys(label, profile);
        }
        String roleArn = value(profile, "role_arn");
        String tokenFile = value(profile, "web_identity_token_file");
        if (roleArn != null && (value(profile, "source_profile") != null || value(profile, "credential_source") != null)) {
            return assumeRole(name, profile);
        }
        if (roleArn != null && tokenFile != null) {
            return WebIdentitySource.assume(env, http, clock, roleArn, profile.get("role_session_name"),
                    Path.of(tokenFile), label + " web identity");
        }
        if (SsoCredentials.configured(profile)) {
            return SsoCredentials.of(files, name, profile).load(env, http, clock);
        }
        if (hasKeys(profile)) {
            return staticKeys(label, profile);
        }
        String process = value(profile, "credential_process");
        if (process != null) {
            return CredentialProcess.run(process, label);
        }
        if (roleArn != null) {
            throw Unavailable.failed(label + " sets role_arn without source_profile, credential_source or "
                    + "web_identity_token_file: add source_profile = <a profile with credentials>, or "
                    + "credential_source = " + CREDENTIAL_SOURCES);
        }
        throw Unavailable.failed(label + " has no aws_access_key_id/aws_secret_access_key, credential_process, "
                + "role_arn or sso_session");
    }

    private AwsCredentials assumeRole(String name, Map<String, String> profile) throws Unavailable {
        String sourceProfile = value(profile, "source_profile");
        String credentialSource = value(profile, "credential_source");
        if (sourceProfile != null && credentialSource != null) {
            throw Unavailable.failed("profile " + name + " sets both source_profile and credential_source: keep one");
        }
        AssumeRole role = AssumeRole.of(name, profile);
        if (credentialSource != null) {
            return role.call(env, http, clock, fromCredentialSource(name, credentialSource),
                    "credential_source " + credentialSource);
        }
        AwsCredentials source;
        if (sourceProfile.equals(name)) {
            if (!hasKeys(profile)) {
                throw cycle(name);
            }
            source = staticKeys("profile " + name, profile);
        } else {
            if (visited.contains(sourceProfile)) {
                throw cycle(sourceProfile);
            }
            Map<String, String> next = files.profile(sourceProfile);
            if (next == null) {
                throw Unavailable.failed("profile " + name + " names source_profile " + sourceProfile + ", which is not "
                        + "in " + files.locations() + ": add [profile " + sourceProfile + "] or correct source_profile");
            }
            if (visited.size() >= MAX_PROFILES) {
                throw Unavailable.failed("the source_profile chain " + String.join(" -> ", visited) + " -> "
                        + sourceProfile + " passes through more than " + MAX_PROFILES + " profiles: point one of them "
                        + "at a profile with credentials");
            }
            visited.add(sourceProfile);
            source = resolve(sourceProfile, next, false);
        }
        return role.call(env, http, clock, source, "source_profile " + sourceProfile);
    }

    /** The credentials a {@code credential_source} names, from the chain's own links. */
    private AwsCredentials fromCredentialSource(String name, String credentialSource) throws Unavailable {
        AwsCredentialsLink link;
        switch (credentialSource.toLowerCase(Locale.ROOT)) {
            case "environment":
                link = StaticKeysSource.environment(env);
                break;
            case "ec2instancemetadata":
                link = new ImdsSource(env, http);
                break;
            case "ecscontainer":
                link = new ContainerSource(env, http);
                break;
            default:
                throw Unavailable.failed("profile " + name + " credential_source = " + credentialSource + " is not one "
                        + "of " + CREDENTIAL_SOURCES);
        }
        try {
            return link.load();
        } catch (Unavailable e) {
            throw Unavailable.failed("profile " + name + " credential_source = " + credentialSource + " has no "
                    + "credentials: " + link.description() + " (" + e.getMessage() + ")", e);
        }
    }

    private Unavailable cycle(String repeated) {
        return Unavailable.failed("the profiles " + String.join(" -> ", visited) + " -> " + repeated + " form a cycle "
                + "through source_profile: end the chain at a profile with credentials (or a role profile that names "
                + "itself as source_profile and holds aws_access_key_id and aws_secret_access_key)");
    }

    private static boolean hasKeys(Map<String, String> profile) {
        return profile.containsKey("aws_access_key_id") || profile.containsKey("aws_secret_access_key");
    }

    private static AwsCredentials staticKeys(String label, Map<String, String> profile) throws Unavailable {
        String id = value(profile, "aws_access_key_id");
        String secret = value(profile, "aws_secret_access_key");
        if (id == null || secret == null) {
            throw Unavailable.failed(label + " has only one of aws_access_key_id and aws_secret_access_key");
        }
        return new AwsCredentials(id, secret, value(profile, "aws_session_token"), null, label);
    }

    /** The trimmed, non-empty value of {@code key}, or {@code null}. */
    private static String value(Map<String, String> profile, String key) {
        String value = profile.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
