package io.credpool.aws.internal.secrets;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Database credentials from one Secrets Manager secret, cached for a TTL.
 *
 * <p>The target ({@link #config()}) is read once, at open. {@link #credentials()} serves the cached
 * credentials until the TTL runs out or {@link #invalidate()} is called, then fetches the secret
 * again; callers that arrive during a fetch wait for that fetch instead of starting their own. If
 * a TTL refresh fails, the cached credentials are kept (with a warning) and the fetch is retried
 * {@link #RETRY_AFTER} later; after an invalidation a failure is an error.
 */
public final class SecretsManagerSource implements CredentialSource {

    /** Reads a secret document into a configuration; a bad document is a {@link DatabaseConfigException}. */
    public interface Interpreter {
        /** The configuration, credentials included, that {@code secretText} describes. */
        DatabaseConfig interpret(String secretText);
    }

    /** The pause before another fetch after a failed TTL refresh. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    /**
     * An {@link #invalidate()} within this time of a fetch that brought new credentials is taken to
     * concern the previous password.
     */
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger("io.credpool");

    private final SecretsManagerClient client;
    private final String secretId;
    private final String versionStage;
    private final Duration ttl;
    private final Clock clock;
    private final Interpreter interpreter;
    private final DatabaseConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private CompletableFuture<Credentials> inFlight;
    private final AtomicReference<Entry> entry = new AtomicReference<>();

    /**
     * What was fetched, when, whether it differs from what was cached before ({@code changed}),
     * and whether it has been invalidated.
     */
    private static final class Entry {
        final Credentials credentials;
        final Instant fetchedAt;
        final Instant refreshAt;
        final boolean changed;
        final boolean invalidated;

        Entry(Credentials credentials, Instant fetchedAt, Instant refreshAt, boolean changed, boolean invalidated) {
            this.credentials = credentials;
            this.fetchedAt = fetchedAt;
            this.refreshAt = refreshAt;
            this.changed = changed;
            this.invalidated = invalidated;
        }

        Entry invalidated() {
            return new Entry(credentials, fetchedAt, refreshAt, changed, true);
        }
    }

    private SecretsManagerSource(SecretsManagerClient client, String secretId, String versionStage, Duration ttl,
                                 Clock clock, Interpreter interpreter, DatabaseConfig config, Instant fetchedAt) {
        this.client = client;
        this.secretId = secretId;
        this.versionStage = versionStage;
        this.ttl = ttl;
        this.clock = clock;
        this.interpreter = interpreter;
        this.config = config;
        // The first fetch counts as new: a login refused right after it is refused with the current secret.
        this.entry.set(new Entry(config.credentials(), fetchedAt, refreshAt(fetchedAt), true, false));
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
        Instant now = clock.instant();
        String text = client.getSecretValue(secretId, versionStage).value();
        DatabaseConfig config = interpreter.interpret(text);
        LOG.log(Level.INFO, "Successfully retrieved database credentials for " + config.target());
        return new SecretsManagerSource(client, secretId, versionStage, ttl, clock, interpreter, config, now);
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() throws SQLException {
        Entry current = entry.get();
        if (!current.invalidated && (current.refreshAt == null || clock.instant().isBefore(current.refreshAt))) {
            return current.credentials;
        }
        return refresh(current);
    }

    /**
     * Marks the cached credentials stale; the next {@link #credentials()} fetches. Ignored within
     * {@link #MIN_REFETCH_INTERVAL} of a fetch that brought new credentials: such a failure used the
     * previous password. A fetch that brought the same credentials (a TTL refresh just before a
     * rotation) does not shield them. Never blocks.
     */
    @Override
    public void invalidate() {
        Entry current = entry.get();
        if (current.invalidated
                || current.changed && clock.instant().isBefore(current.fetchedAt.plus(MIN_REFETCH_INTERVAL))) {
            return;
        }
        // Lost race: a fetch just replaced the entry, which is then fresher than this failure.
        entry.compareAndSet(current, current.invalidated());
    }

    /** Fetches, or waits for the fetch already under way. */
    private Credentials refresh(Entry seen) throws SQLException {
        CompletableFuture<Credentials> future;
        boolean mine = false;
        lock.lock();
        try {
            Entry current = entry.get();
            if (current != seen && !current.invalidated) {
                return current.credentials; // another caller fetched meanwhile
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            future = inFlight;
        } finally {
            lock.unlock();
        }
        if (mine) {
            try {
                future.complete(fetch(seen));
            } catch (SQLException | RuntimeException e) {
                future.completeExceptionally(e);
            } finally {
                lock.lock();
                try {
                    inFlight = null;
                } finally {
                    lock.unlock();
                }
            }
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialException("Interrupted while waiting for the secret '" + secretId + "'");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            throw (RuntimeException) cause;
        }
    }

    private Credentials fetch(Entry seen) throws SQLException {
        Instant now = clock.instant();
        LOG.log(Level.INFO, "Retrieving database credentials from AWS Secrets Manager: " + secretId);
        DatabaseConfig fresh;
        try {
            String text = client.getSecretValue(secretId, versionStage).value();
            try {
                fresh = interpreter.interpret(text);
            } catch (DatabaseConfigException e) {
                throw new CredentialException("The secret '" + secretId + "' cannot be used: " + e.getMessage(), e);
            }
        } catch (CredentialException e) {
            if (!seen.invalidated) {
                entry.set(new Entry(seen.credentials, seen.fetchedAt, now.plus(RETRY_AFTER), seen.changed, false));
                LOG.log(Level.WARNING, "Refreshing database credentials from AWS Secrets Manager failed ("
                        + e.getMessage() + "); keeping the cached ones for " + RETRY_AFTER.toSeconds() + " s");
                return seen.credentials;
            }
            throw e;
        }
        if (!fresh.target().equals(config.target())) {
            LOG.log(Level.WARNING, "The secret '" + secretId + "' now points at " + fresh.target()
                    + "; this pool keeps connecting to " + config.target() + " until it is rebuilt");
        }
        LOG.log(Level.INFO, "Successfully retrieved database credentials for " + config.target());
        boolean changed = !fresh.credentials().equals(seen.credentials);
        entry.set(new Entry(fresh.credentials(), now, refreshAt(now), changed, false));
        return fresh.credentials();
    }

    private Instant refreshAt(Instant fetchedAt) {
        return ttl.isZero() ? null : fetchedAt.plus(ttl);
    }

    @Override
    public String toString() {
        return "SecretsManagerSource[" + secretId + " -> " + config.target() + "]";
    }
}
