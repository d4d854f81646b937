package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

/**
 * The profile in the shared files ({@code AWS_PROFILE}, else {@code default}), resolved by
 * {@link ProfileResolver}: a role assumed from a source profile or a {@code credential_source},
 * web identity, IAM Identity Center (SSO), static keys or {@code credential_process}.
 */
final class ProfileSource implements AwsCredentialsLink {

    private final Environment env;
    private final HttpClient http;
    private final Clock clock;

    ProfileSource(Environment env, HttpClient http, Clock clock) {
        this.env = env;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "shared profile files (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE)";
    }

    @Override
    public AwsCredentials load() throws Unavailable {
        ProfileFiles files;
        try {
            files = ProfileFiles.load(env);
        } catch (IOException e) {
            throw Unavailable.failed("cannot read the profile files " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            throw Unavailable.failed("cannot read the profile files (" + e.getClass().getSimpleName() + ")");
        }
        String name = files.profileName();
        if (files.profile() == null) {
            String reason = "profile '" + name + "' not found in " + files.locations();
            if (files.profileNamedExplicitly()) {
                throw Unavailable.failed(reason);
            }
            throw Unavailable.notConfigured(files.anyFileExists() ? reason : "no files at " + files.locations());
        }
        return new ProfileResolver(env, http, clock, files).resolve(name);
    }

    /** The non-empty string at {@code key}, or {@code null}. */
    static String string(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value instanceof String && !((String) value).isEmpty() ? (String) value : null;
    }
}
