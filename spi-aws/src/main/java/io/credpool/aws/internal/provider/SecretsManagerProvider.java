package io.credpool.aws.internal.provider;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.aws.AwsProviders;
import io.credpool.aws.internal.auth.CredentialChain;
import io.credpool.aws.internal.secrets.SecretsManagerClient;
import io.credpool.aws.internal.secrets.SecretsManagerSource;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code aws-secrets-manager}: the database secret named by {@code AWS_SECRET_NAME}, read from AWS
 * Secrets Manager in {@code AWS_REGION}. Version stage {@code AWS_SECRET_VERSION_STAGE} (default
 * {@code AWSCURRENT}); cached for {@code AWS_SECRET_TTL} seconds (default 3600; 0 keeps it until a
 * login fails). With {@code AWSCURRENT}, a refused login during a rotation's window falls back on
 * {@code AWSPENDING} ({@link SecretsManagerSource}).
 */
public final class SecretsManagerProvider implements CredentialProvider {

    /** The highest built-in priority: in production this provider wins whenever it is configured. */
    public static final int PRIORITY = 400;

    static final String SECRET_NAME = "AWS_SECRET_NAME";
    static final String VERSION_STAGE = "AWS_SECRET_VERSION_STAGE";
    static final String TTL = "AWS_SECRET_TTL";
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final long MAX_TTL_SECONDS = 31L * 24 * 3600;

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** For ServiceLoader. */
    public SecretsManagerProvider() {
    }

    @Override
    public String name() {
        return AwsProviders.SECRETS_MANAGER;
    }

    @Override
    public boolean isConfigured(Environment env) {
        return env.get(SECRET_NAME).isPresent();
    }

    @Override
    public String requirement() {
        return SECRET_NAME + " (an AWS Secrets Manager secret name or ARN, with AWS_REGION)";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public CredentialSource open(Environment env) throws SQLException {
        String secretId = env.get(SECRET_NAME).orElse(null);
        if (secretId == null) {
            throw new DatabaseConfigException(SECRET_NAME + " is not set: set it to the name or ARN of the database secret");
        }
        if (env.mode() == Environment.Mode.PRODUCTION) {
            LOG.log(Level.INFO, "Production environment detected, using AWS Secrets Manager");
        }
        Duration ttl = ttl(env);
        String stage = env.get(VERSION_STAGE).orElse(SecretsManagerClient.CURRENT).trim();
        SecretsManagerClient client = SecretsManagerClient.create(env, CredentialChain.standard(env));
        return SecretsManagerSource.open(client, secretId.trim(), stage, ttl, Clock.systemUTC(),
                new SecretInterpreter(env));
    }

    /** {@code AWS_SECRET_TTL} in seconds, 0 to 31 days. */
    static Duration ttl(Environment env) {
        String value = env.get(TTL).orElse(null);
        if (value == null) {
            return DEFAULT_TTL;
        }
        String digits = value.trim();
        boolean valid = !digits.isEmpty() && digits.length() <= 10;
        for (int i = 0; valid && i < digits.length(); i++) {
            valid = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!valid || Long.parseLong(digits) > MAX_TTL_SECONDS) {
            throw new DatabaseConfigException(TTL + " must be a whole number of seconds up to " + MAX_TTL_SECONDS
                    + ", e.g. 3600 (0 keeps the secret until a login fails)");
        }
        return Duration.ofSeconds(Long.parseLong(digits));
    }

    @Override
    public String toString() {
        return name();
    }
}
