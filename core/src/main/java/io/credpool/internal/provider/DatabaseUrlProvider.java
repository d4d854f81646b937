package io.credpool.internal.provider;

import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.DatabaseUrl;
import io.credpool.Environment;
import io.credpool.internal.pool.StaticCredentialSource;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;

/** The built-in {@code database-url} provider: {@code DATABASE_URL}, with {@code DATABASE_<KEY>} pool keys. */
public final class DatabaseUrlProvider implements CredentialProvider {

    /** Its name, for {@code CREDPOOL_PROVIDER}. */
    public static final String NAME = "database-url";

    /** The lowest built-in priority: every other configured provider beats it in production. */
    public static final int PRIORITY = 100;

    static final String VARIABLE = "DATABASE_URL";

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** For ServiceLoader. */
    public DatabaseUrlProvider() {
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
        return VARIABLE + " (a postgresql://, postgres:// or jdbc:postgresql:// URL)";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public CredentialSource open(Environment env) {
        String url = env.get(VARIABLE).orElseThrow(() -> new DatabaseConfigException(VARIABLE + " is not set"));
        DatabaseConfig config = DatabaseUrl.parse(url, env);
        LOG.log(Level.INFO, "Using " + VARIABLE + " for " + config.target()
                + (config.credentials().username() == null ? "" : " as " + config.credentials().username()));
        return new StaticCredentialSource(config);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
