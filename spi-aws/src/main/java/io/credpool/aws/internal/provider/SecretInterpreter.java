package io.credpool.aws.internal.provider;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.DatabaseSecret;
import io.credpool.Environment;
import io.credpool.aws.internal.secrets.SecretsManagerSource;
import io.credpool.internal.config.ConfigAssembler;
import io.credpool.internal.config.PoolKeys;
import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import java.util.Map;

/**
 * Reads a Secrets Manager secret with core's {@link DatabaseSecret}: the whole document
 * ({@code host}, {@code port}, {@code username}, {@code password}, {@code dbname}), or an
 * RDS-managed secret holding only {@code username} and {@code password}, whose host, port and
 * database then come from a password-less {@code DATABASE_URL}. The pool defaults for secrets
 * ({@link io.credpool.internal.config.PoolKeys#secretDefaults()}) apply in both cases unless the
 * URL or a {@code DATABASE_<KEY>} variable sets them.
 */
final class SecretInterpreter implements SecretsManagerSource.Interpreter {

    private final Environment env;

    SecretInterpreter(Environment env) {
        this.env = env;
    }

    @Override
    public DatabaseConfig interpret(String secretText) {
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(secretText);
        } catch (JsonException e) {
            return DatabaseSecret.parse(secretText).toConfig(env); // DatabaseSecret's own message for bad JSON
        }
        String url = env.get(RdsIamProvider.URL).orElse(null);
        if (doc.get("host") == null && url != null && doc.get("username") instanceof String
                && doc.get("password") instanceof String) {
            return fromUrl(url, (String) doc.get("username"), (String) doc.get("password"));
        }
        return DatabaseSecret.parse(secretText).toConfig(env);
    }

    /** An RDS-managed secret: the target from {@code DATABASE_URL}, the login from the secret, the secret pool defaults. */
    private DatabaseConfig fromUrl(String url, String username, String password) {
        DatabaseConfig base = ConfigAssembler.fromUrl(url, env, PoolKeys.secretDefaults());
        String inUrl = base.credentials().password();
        if (inUrl != null && !inUrl.isEmpty()) {
            throw new DatabaseConfigException("DATABASE_URL must not contain a password when the secret named by "
                    + "AWS_SECRET_NAME holds the login: remove the password from the URL");
        }
        return base.withCredentials(Credentials.of(username, password));
    }
}
