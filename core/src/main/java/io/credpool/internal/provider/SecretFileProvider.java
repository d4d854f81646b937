package io.credpool.internal.provider;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The built-in {@code secret-file} provider: {@code DATABASE_SECRET_FILE} names a file holding a
 * {@link io.credpool.DatabaseSecret} document, e.g. a mounted Kubernetes or Docker secret. The
 * file is read again after an authentication failure and whenever it changes.
 */
public final class SecretFileProvider implements CredentialProvider {

    /** Its name, for {@code CREDPOOL_PROVIDER}. */
    public static final String NAME = "secret-file";

    /** Above {@code database-url} (100), below the AWS providers (300, 400). */
    public static final int PRIORITY = 200;

    static final String VARIABLE = "DATABASE_SECRET_FILE";

    /** For ServiceLoader. */
    public SecretFileProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isConfigured(Environment env) {
        return env.get(VARIABLE).isPresent();
    }

    @Override
    public String requirement() {
        return VARIABLE + " (path of a JSON file {host, port, username, password, dbname})";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public CredentialSource open(Environment env) throws SQLException {
        String value = env.get(VARIABLE).orElseThrow(() -> new DatabaseConfigException(VARIABLE + " is not set"));
        Path path;
        try {
            path = Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new DatabaseConfigException(VARIABLE + " is not a valid file path");
        }
        return new SecretFileSource(path, env);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
