package io.credpool.aws.internal.auth;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.internal.cache.CachePolicy;
import io.credpool.internal.cache.Fetched;
import io.credpool.internal.cache.RefreshingCache;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * AWS credentials found the way the AWS SDKs find them, in this order: system properties,
 * environment variables, web identity, the shared profile files, container credentials, EC2
 * instance metadata. The first source that has credentials is kept for the life of the chain.
 * The profile may assume roles (from source profiles or a {@code credential_source}) and use IAM
 * Identity Center; see {@link ProfileResolver}. A refresh asks the kept source afresh, so a role
 * profile assumes its roles again with fresh source credentials.
 *
 * <p>Credentials are cached by the rules of {@link RefreshingCache}: temporary ones are refreshed
 * {@link #REFRESH_AHEAD} before they expire; if a refresh fails while the current ones still have
 * over {@link #MIN_REMAINING} left, those are used and the refresh is tried again
 * {@link CachePolicy#RETRY_AFTER} later. Thread-safe; one fetch at a time.
 */
public final class CredentialChain implements AwsCredentialsSource {

    /** How long before expiry temporary credentials are refreshed. */
    public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    /** Credentials closer than this to expiry are not handed out. */
    static final Duration MIN_REMAINING = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger("io.credpool");

    private final List<AwsCredentialsLink> links;
    private final Clock clock;
    private final RefreshingCache<AwsCredentials> cache;
    private volatile AwsCredentialsLink winner;

    CredentialChain(List<AwsCredentialsLink> links, Clock clock) {
        this.links = List.copyOf(links);
        this.clock = clock;
        this.cache = new RefreshingCache<>("AWS credentials", new Fetch(), null, CachePolicy.defaults(), clock);
    }

    /** The cache's fetcher: a named class, not {@code this::fetch}, which would cost the cold path a generated class. */
    private final class Fetch implements RefreshingCache.Fetcher<AwsCredentials> {
        @Override
        public Fetched<AwsCredentials> fetch() throws CredentialException {
            return CredentialChain.this.fetch();
        }
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
        return cache.get();
    }

    /** AWS called the current credentials expired: the next call fetches again from the same source. */
    @Override
    public void invalidate() {
        cache.invalidate();
    }

    private Fetched<AwsCredentials> fetch() throws CredentialException {
        Instant now = clock.instant();
        AwsCredentials found = load();
        Instant expiration = found.expiration();
        if (expiration == null) {
            return Fetched.untilInvalidated(found);
        }
        // Credentials that come back already due are not asked for again before the retry pause.
        Instant refreshAt = expiration.minus(REFRESH_AHEAD);
        Instant earliest = now.plus(CachePolicy.RETRY_AFTER);
        return new Fetched<>(found, refreshAt.isBefore(earliest) ? earliest : refreshAt,
                expiration.minus(MIN_REMAINING));
    }

    /** Asks the link that answered before, else each link in order. One call at a time (the cache's fetch). */
    private AwsCredentials load() throws CredentialException {
        if (winner != null) {
            try {
                return winner.load();
            } catch (Unavailable e) {
                throw new CredentialException("AWS credentials from " + winner.description()
                        + " could not be refreshed: " + e.getMessage());
            }
        }
        StringBuilder tried = new StringBuilder(512);
        for (AwsCredentialsLink link : links) {
            try {
                AwsCredentials found = link.load();
                winner = link;
                LOG.log(Level.DEBUG, "Using AWS credentials from " + found.source());
                return found;
            } catch (Unavailable e) {
                if (e.configured) {
                    LOG.log(Level.DEBUG, "AWS credentials from " + link.description() + " failed: " + e.getMessage());
                }
                tried.append(tried.length() == 0 ? "" : "; ").append(link.description())
                        .append(" (").append(e.getMessage()).append(')');
            }
        }
        throw new CredentialException("No AWS credentials found. Tried, in order: " + tried
                + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, "
                + "or run with an IAM role");
    }
}
