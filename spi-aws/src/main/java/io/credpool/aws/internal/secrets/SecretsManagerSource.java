package io.credpool.aws.internal.secrets;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.internal.cache.CachePolicy;
import io.credpool.internal.cache.Fetched;
import io.credpool.internal.cache.RefreshingCache;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Database credentials from one Secrets Manager secret, cached for a TTL.
 *
 * <p>The target ({@link #config()}) is read once, at open. {@link #credentials()} serves the cached
 * credentials until the TTL runs out or the database refuses them ({@link #invalidate(Credentials)};
 * refused credentials it no longer holds change nothing), then fetches the secret
 * again, by the rules of {@link RefreshingCache}: one fetch at a time (others wait for it), at most
 * one a second after an invalidation, and if a TTL refresh fails, the cached credentials are kept
 * (with a warning) and the fetch is retried {@link CachePolicy#RETRY_AFTER} later; after an
 * invalidation a failure is an error.
 */
public final class SecretsManagerSource implements CredentialSource {

    /** Reads a secret document into a configuration; a bad document is a {@link DatabaseConfigException}. */
    public interface Interpreter {
        /** The configuration, credentials included, that {@code secretText} describes. */
        DatabaseConfig interpret(String secretText);
    }

    private static final System.Logger LOG = System.getLogger("io.credpool");

    private final SecretsManagerClient client;
    private final String secretId;
    private final String versionStage;
    private final Duration ttl;
    private final Clock clock;
    private final Interpreter interpreter;
    private final DatabaseConfig config;
    private final RefreshingCache<Credentials> cache;

    private SecretsManagerSource(SecretsManagerClient client, String secretId, String versionStage, Duration ttl,
                                 Clock clock, Interpreter interpreter, DatabaseConfig config) {
        this.client = client;
        this.secretId = secretId;
        this.versionStage = versionStage;
        this.ttl = ttl;
        this.clock = clock;
        this.interpreter = interpreter;
        this.config = config;
        this.cache = new RefreshingCache<>("database credentials from AWS Secrets Manager", this::fetch, null,
                CachePolicy.defaults(), clock);
        // The first fetch counts as new: a login refused right after it is refused with the current secret.
        cache.seed(fetched(config.credentials(), clock.instant()));
    }

    /**
     * Fetches the secret and reads the target from it.
     *
     * @param ttl how long fetched credentials are used before fetching again; zero: until invalidated
     * @throws CredentialException       when the secret cannot be fetched
     * @throws DatabaseConfigException   when the document is not a usable database secret
     */
    public static SecretsManagerSource open(SecretsManagerClient client, String secretId, String versionStage,
                                            Duration ttl, Clock clock, Interpreter interpreter)
            throws CredentialException {
        LOG.log(Level.INFO, "Retrieving database credentials from AWS Secrets Manager: " + secretId);
        String text = client.getSecretValue(secretId, versionStage).value();
        DatabaseConfig config = interpreter.interpret(text);
        LOG.log(Level.INFO, "Successfully retrieved database credentials for " + config.target());
        return new SecretsManagerSource(client, secretId, versionStage, ttl, clock, interpreter, config);
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() throws SQLException {
        return cache.get();
    }

    /**
     * Marks the cached credentials stale; the next {@link #credentials()} fetches, unless the last
     * fetch ended less than {@link CachePolicy#MIN_INTERVAL} ago. Ignored within that time of a
     * fetch that brought new credentials: such a failure used the previous password. Never blocks.
     */
    @Override
    public void invalidate() {
        cache.invalidate();
    }

    @Override
    public void invalidate(Credentials rejected) {
        cache.invalidate(rejected::equals);
    }

    private Fetched<Credentials> fetch() throws CredentialException {
        LOG.log(Level.INFO, "Retrieving database credentials from AWS Secrets Manager: " + secretId);
        Instant now = clock.instant();
        String text = client.getSecretValue(secretId, versionStage).value();
        DatabaseConfig fresh;
        try {
            fresh = interpreter.interpret(text);
        } catch (DatabaseConfigException e) {
            throw new CredentialException("The secret '" + secretId + "' cannot be used: " + e.getMessage(), e);
        }
        if (!fresh.target().equals(config.target())) {
            LOG.log(Level.WARNING, "The secret '" + secretId + "' now points at " + fresh.target()
                    + "; this pool keeps connecting to " + config.target() + " until it is rebuilt");
        }
        LOG.log(Level.INFO, "Successfully retrieved database credentials for " + config.target());
        return fetched(fresh.credentials(), now);
    }

    private Fetched<Credentials> fetched(Credentials credentials, Instant fetchedAt) {
        return new Fetched<>(credentials, ttl.isZero() ? null : fetchedAt.plus(ttl), null);
    }

    @Override
    public String toString() {
        return "SecretsManagerSource[" + secretId + " -> " + config.target() + "]";
    }
}
