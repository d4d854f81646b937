package io.credpool.aws.internal.auth;

import io.credpool.Environment;

/** Keys in three variables: the system properties {@code aws.*} or the environment variables {@code AWS_*}. */
final class StaticKeysSource implements AwsCredentialsLink {

    private final Environment env;
    private final String idName;
    private final String secretName;
    private final String tokenName;
    private final String label;

    private StaticKeysSource(Environment env, String idName, String secretName, String tokenName, String label) {
        this.env = env;
        this.idName = idName;
        this.secretName = secretName;
        this.tokenName = tokenName;
        this.label = label;
    }

    /** {@code aws.accessKeyId}, {@code aws.secretAccessKey}, {@code aws.sessionToken}. */
    static StaticKeysSource systemProperties(Environment env) {
        return new StaticKeysSource(env, "aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
                "system properties");
    }

    /** {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}. */
    static StaticKeysSource environment(Environment env) {
        return new StaticKeysSource(env, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                "environment variables");
    }

    @Override
    public String description() {
        return label + " " + idName + "/" + secretName;
    }

    @Override
    public AwsCredentials load() throws Unavailable {
        String id = env.get(idName).orElse(null);
        String secret = env.get(secretName).orElse(null);
        if (id == null && secret == null) {
            throw Unavailable.notConfigured("not set");
        }
        if (id == null) {
            throw Unavailable.failed(secretName + " is set but " + idName + " is not");
        }
        if (secret == null) {
            throw Unavailable.failed(idName + " is set but " + secretName + " is not");
        }
        String token = env.get(tokenName).orElse(null);
        return new AwsCredentials(id.trim(), secret.trim(), token == null ? null : token.trim(), null, label);
    }
}
