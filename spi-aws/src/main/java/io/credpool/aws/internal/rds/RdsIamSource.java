package io.credpool.aws.internal.rds;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.auth.AwsCredentialsSource;
import io.credpool.aws.internal.sign.RdsAuthToken;
import io.credpool.aws.internal.sign.SigV4Signer;
import io.credpool.internal.cache.CachePolicy;
import io.credpool.internal.cache.Fetched;
import io.credpool.internal.cache.RefreshingCache;
import io.credpool.spi.CredentialSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Database passwords that are RDS IAM authentication tokens, signed locally for the user of the
 * configuration. A token is valid for 15 minutes; one is reused for new connections until
 * {@link #REFRESH_AHEAD} before it expires (an open connection stays open past that). Signing is
 * local and cheap, so a refresh never waits on the network unless the AWS credentials themselves
 * need refreshing; if that fails, the current token is used while it has over
 * {@link #MIN_REMAINING} left (the rules of {@link RefreshingCache}).
 */
public final class RdsIamSource implements CredentialSource {

    /** A token this close to expiry is replaced. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    /** A token this close to expiry is not handed out. */
    static final Duration MIN_REMAINING = Duration.ofMinutes(1);

    private final DatabaseConfig config;
    private final String host;
    private final int port;
    private final String user;
    private final AwsCredentialsSource awsCredentials;
    private final SigV4Signer signer;
    private final Clock clock;
    private final RefreshingCache<Credentials> cache;

    /**
     * @param config the target from a password-less {@code DATABASE_URL}, TLS required
     * @param region the database's region
     * @throws DatabaseConfigException when the user is missing, a password is set, or TLS is not required
     */
    public RdsIamSource(DatabaseConfig config, String region, AwsCredentialsSource awsCredentials, Clock clock) {
        requireIamReady(config);
        this.config = config;
        String target = config.target();
        int slash = target.indexOf('/');
        String hostPort = slash < 0 ? target : target.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            this.host = hostPort;
            this.port = 5432;
        } else {
            this.host = hostPort.substring(0, colon);
            this.port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        this.user = config.credentials().username();
        this.awsCredentials = awsCredentials;
        this.signer = new SigV4Signer("rds-db", region);
        this.clock = clock;
        this.cache = new RefreshingCache<>("the RDS IAM token", this::sign, null, CachePolicy.defaults(), clock);
    }

    /**
     * Checks what IAM authentication needs: a user, no password, and {@code sslmode} {@code require},
     * {@code verify-ca} or {@code verify-full}.
     *
     * @throws DatabaseConfigException naming the fix
     */
    public static void requireIamReady(DatabaseConfig config) {
        Credentials credentials = config.credentials();
        if (credentials.username() == null || credentials.username().isBlank()) {
            throw new DatabaseConfigException("DATABASE_URL must name the database user for RDS IAM authentication "
                    + "(DATABASE_IAM_AUTH=true), e.g. postgresql://iam_user@host:5432/db?sslmode=require");
        }
        if (credentials.password() != null && !credentials.password().isEmpty()) {
            throw new DatabaseConfigException("DATABASE_URL must not contain a password when DATABASE_IAM_AUTH=true: "
                    + "the password is an RDS IAM token; remove it from the URL");
        }
        String sslmode = config.driverProperties().get("sslmode");
        String mode = sslmode == null ? "" : sslmode.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("require") && !mode.equals("verify-ca") && !mode.equals("verify-full")) {
            throw new DatabaseConfigException("RDS IAM authentication needs TLS: add sslmode=require (or verify-full) "
                    + "to DATABASE_URL, or set DATABASE_SSLMODE=require"
                    + (sslmode == null ? "" : " (sslmode is " + sslmode.trim() + ")"));
        }
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() throws CredentialException {
        return cache.get();
    }

    private Fetched<Credentials> sign() throws CredentialException {
        AwsCredentials keys = awsCredentials.credentials();
        Instant now = clock.instant();
        String password = RdsAuthToken.generate(signer, host, port, user, keys, now);
        Instant expiresAt = now.plusSeconds(RdsAuthToken.EXPIRES_SECONDS);
        if (keys.expiration() != null && keys.expiration().isBefore(expiresAt)) {
            expiresAt = keys.expiration(); // a token signed with temporary keys dies with them
        }
        return new Fetched<>(new Credentials(user, password, expiresAt), expiresAt.minus(REFRESH_AHEAD),
                expiresAt.minus(MIN_REMAINING));
    }

    /** A token was refused: the next {@link #credentials()} signs a new one (at most one a second). */
    @Override
    public void invalidate() {
        cache.invalidate(held -> true);
    }

    /** Drops the token and the AWS keys it was signed with: the next {@link #credentials()} fetches and signs anew. */
    @Override
    public void forget() {
        cache.invalidate();
        awsCredentials.invalidate();
    }

    @Override
    public void invalidate(Credentials rejected) {
        cache.invalidate(rejected::equals);
    }

    /**
     * What the token was signed for: a refused token usually means the user lacks {@code GRANT
     * rds_iam}, or the AWS identity lacks {@code rds-db:connect} for this endpoint and region.
     */
    @Override
    public String describe(Credentials refused) {
        return "an IAM token for " + endpoint() + " in " + signer.region();
    }

    /** The host and port the tokens are signed for. */
    String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "RdsIamSource[" + user + "@" + config.target() + ", region " + signer.region() + "]";
    }
}
