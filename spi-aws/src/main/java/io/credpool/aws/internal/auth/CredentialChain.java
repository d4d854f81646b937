package io.credpool.aws.internal.auth;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * AWS credentials found the way the AWS SDKs find them, in this order: system properties,
 * environment variables, web identity, the shared profile files, container credentials, EC2
 * instance metadata. The first source that has credentials is kept for the life of the chain.
 *
 * <p>Temporary credentials are cached and refreshed {@link #REFRESH_AHEAD} before they expire; if
 * a refresh fails while the current ones still have over a minute left, those are used and the
 * refresh is tried again a little later. Thread-safe; one refresh at a time.
 */
public final class CredentialChain implements AwsCredentialsProvider {

    /** How long before expiry temporary credentials are refreshed. */
    public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    /** Credentials closer than this to expiry are not handed out. */
    static final Duration MIN_REMAINING = Duration.ofMinutes(1);

    /** The pause between failed refreshes while the current credentials still work. */
    static final Duration RETRY_REFRESH_AFTER = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger("io.credpool");

    private final List<AwsCredentialsSource> sources;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AwsCredentials cached;
    private volatile Instant nextRefreshAttempt = Instant.MIN;
    private AwsCredentialsSource winner;

    CredentialChain(List<AwsCredentialsSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /** The standard chain over {@code env}, on the shared HTTP client. */
    public static CredentialChain standard(Environment env) {
        return standard(env, AwsHttp.client(), Clock.systemUTC());
    }

    /** The standard chain with another HTTP client and clock: for tests. */
    public static CredentialChain standard(Environment env, HttpClient http, Clock clock) {
        return new CredentialChain(List.of(
                StaticKeysSource.systemProperties(env),
                StaticKeysSource.environment(env),
                new WebIdentitySource(env, http, clock),
                new ProfileSource(env, http, clock),
                new ContainerSource(env, http),
                new ImdsSource(env, http)), clock);
    }

    @Override
    public AwsCredentials credentials() throws CredentialException {
        AwsCredentials current = cached;
        Instant now = clock.instant();
        if (current != null && !needsRefresh(current, now)) {
            return current;
        }
        lock.lock();
        try {
            current = cached;
            now = clock.instant();
            if (current != null && !needsRefresh(current, now)) {
                return current;
            }
            try {
                AwsCredentials fresh = fetch();
                cached = fresh;
                nextRefreshAttempt = now.plus(RETRY_REFRESH_AFTER);
                return fresh;
            } catch (CredentialException e) {
                if (current != null && !expired(current, now)) {
                    nextRefreshAttempt = now.plus(RETRY_REFRESH_AFTER);
                    LOG.log(Level.WARNING, "Refreshing AWS credentials from " + current.source() + " failed ("
                            + e.getMessage() + "); using the current ones until " + current.expiration());
                    return current;
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops cached credentials so that the next call fetches again from the same source. */
    @Override
    public void invalidate() {
        cached = null;
    }

    private boolean needsRefresh(AwsCredentials c, Instant now) {
        Instant expiration = c.expiration();
        if (expiration == null) {
            return false;
        }
        if (expired(c, now)) {
            return true;
        }
        return !now.plus(REFRESH_AHEAD).isBefore(expiration) && !now.isBefore(nextRefreshAttempt);
    }

    private static boolean expired(AwsCredentials c, Instant now) {
        return c.expiration() != null && !now.plus(MIN_REMAINING).isBefore(c.expiration());
    }

    /** Asks the source that answered before, else each source in order. Called under the lock. */
    private AwsCredentials fetch() throws CredentialException {
        if (winner != null) {
            try {
                return winner.load();
            } catch (Unavailable e) {
                throw new CredentialException("AWS credentials from " + winner.description()
                        + " could not be refreshed: " + e.getMessage());
            }
        }
        StringBuilder tried = new StringBuilder(512);
        for (AwsCredentialsSource source : sources) {
            try {
                AwsCredentials found = source.load();
                winner = source;
                LOG.log(Level.DEBUG, "Using AWS credentials from " + found.source());
                return found;
            } catch (Unavailable e) {
                if (e.configured) {
                    LOG.log(Level.DEBUG, "AWS credentials from " + source.description() + " failed: " + e.getMessage());
                }
                tried.append(tried.length() == 0 ? "" : "; ").append(source.description())
                        .append(" (").append(e.getMessage()).append(')');
            }
        }
        throw new CredentialException("No AWS credentials found. Tried, in order: " + tried
                + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, "
                + "or run with an IAM role");
    }
}
