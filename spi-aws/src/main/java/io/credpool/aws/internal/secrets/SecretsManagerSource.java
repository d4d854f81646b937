package io.credpool.aws.internal.secrets;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.aws.AwsProviders;
import io.credpool.internal.cache.CachePolicy;
import io.credpool.internal.cache.Fetched;
import io.credpool.internal.cache.RefreshingCache;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Database credentials from one Secrets Manager secret, cached for a TTL, that follow a rotation
 * through its window.
 *
 * <p>The target ({@link #config()}) is read once, at open. {@link #credentials()} serves the cached
 * {@code AWSCURRENT} credentials until the TTL runs out or the database refuses them
 * ({@link #invalidate(Credentials)}; refused credentials it no longer hands out change nothing).
 * Then it fetches {@code AWSCURRENT} again; if that still holds the refused credentials, a
 * rotation has set the new password in the database before moving {@code AWSCURRENT}
 * ({@code setSecret} before {@code finishSecret}, up to a minute apart), so it fetches
 * {@code AWSPENDING} and hands that out, and fetches {@code AWSCURRENT} every
 * {@link #PENDING_POLL} until it holds credentials the database did not refuse, then returns to
 * it. The pending version may name another user (alternating-users rotation). No
 * {@code AWSPENDING} version (the normal state between rotations) is no error. When the database
 * refuses both, the credentials are handed out again for the login to fail at once, and a warning
 * names the secret, as does the message borrowers get ({@link #describe(Credentials)}); both
 * stages are asked again on the next refusal, so a database fixed to accept either is picked up.
 *
 * <p>Each stage is cached by the rules of {@link RefreshingCache}: one fetch at a time (others wait
 * for it), at most one a second after a refusal, so Secrets Manager sees at most one request a
 * second per stage however many connections fail; if a TTL refresh fails, the cached credentials
 * are kept (with a warning) and the fetch is retried {@link CachePolicy#RETRY_AFTER} later; after
 * a refusal a failure is an error. A version stage other than {@code AWSCURRENT}
 * ({@code AWS_SECRET_VERSION_STAGE}) is read alone, without {@code AWSPENDING}.
 */
public final class SecretsManagerSource implements CredentialSource {

    /** Reads a secret document into a configuration; a bad document is a {@link DatabaseConfigException}. */
    public interface Interpreter {
        /** The configuration, credentials included, that {@code secretText} describes. */
        DatabaseConfig interpret(String secretText);
    }

    /** While {@code AWSPENDING} is handed out, {@code AWSCURRENT} is fetched this often, to return to it. */
    public static final Duration PENDING_POLL = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /**
     * Which stage is handed out, and what the database refused since.
     *
     * @param pending        {@code AWSPENDING} is handed out, else the configured stage
     * @param served         what {@link #credentials()} handed out last
     * @param refusedCurrent the configured stage's credentials that the database refused, or null
     * @param refusedPending the {@code AWSPENDING} credentials that the database refused, or null
     */
    private record Choice(boolean pending, Credentials served, Credentials refusedCurrent, Credentials refusedPending) {

        // Written out: a record's generated equals is bootstrapped on its first call, which costs
        // a cold start (the first credentials()) tens of milliseconds of CPU.
        @Override
        public boolean equals(Object o) {
            return o instanceof Choice c && pending == c.pending && Objects.equals(served, c.served)
                    && Objects.equals(refusedCurrent, c.refusedCurrent) && Objects.equals(refusedPending, c.refusedPending);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pending, served, refusedCurrent, refusedPending);
        }
    }

    /** Credentials handed out although the database refused both stages, and what it refused, in words. */
    private record Exhausted(Credentials served, String refusals) {
    }

    private final SecretsManagerClient client;
    private final String secretId;
    private final String versionStage;
    private final Duration ttl;
    private final Clock clock;
    private final Interpreter interpreter;
    private final DatabaseConfig config;
    private final RefreshingCache<Credentials> current;
    /** {@code AWSPENDING}, empty when no version has it; null when another stage than AWSCURRENT is configured. */
    private final RefreshingCache<Optional<Credentials>> pending;
    private final AtomicReference<Choice> choice;
    /** What the last log lines were about, so that a secret the database keeps refusing logs once. */
    private final AtomicReference<Credentials> announced = new AtomicReference<>();
    private final AtomicReference<List<Object>> warned = new AtomicReference<>();
    private final AtomicReference<String> pendingFailure = new AtomicReference<>();
    /** The last time both stages were refused, for {@link #describe(Credentials)}; null after {@link #forget()}. */
    private final AtomicReference<Exhausted> exhausted = new AtomicReference<>();

    private SecretsManagerSource(SecretsManagerClient client, String secretId, String versionStage, Duration ttl,
                                 Clock clock, Interpreter interpreter, DatabaseConfig config) {
        this.client = client;
        this.secretId = secretId;
        this.versionStage = versionStage == null || versionStage.isBlank() ? SecretsManagerClient.CURRENT
                : versionStage.trim();
        this.ttl = ttl;
        this.clock = clock;
        this.interpreter = interpreter;
        this.config = config;
        this.choice = new AtomicReference<>(new Choice(false, config.credentials(), null, null));
        this.current = new RefreshingCache<>("database credentials from AWS Secrets Manager", this::fetchCurrent,
                null, CachePolicy.defaults(), clock);
        this.pending = this.versionStage.equals(SecretsManagerClient.CURRENT)
                ? new RefreshingCache<>("pending database credentials from AWS Secrets Manager", this::fetchPending,
                        null, CachePolicy.defaults(), clock)
                : null;
        current.seed(fetched(config.credentials(), clock.instant()));
    }

    /**
     * Fetches the secret and reads the target from it.
     *
     * @param versionStage the stage to read, null for {@code AWSCURRENT} (which alone follows rotations)
     * @param ttl          how long fetched credentials are used before fetching again; zero: until refused
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
        Credentials now = current.get();
        Choice was = choice.get();
        if (pending == null || !now.equals(was.refusedCurrent())) {
            if (choose(was, new Choice(false, now, null, null)) && was.pending()) {
                LOG.log(Level.INFO, versionStage + " of secret '" + secretId + "' now holds other credentials than the "
                        + "ones the database refused; using " + versionStage + " again");
            }
            return now;
        }
        Optional<Credentials> staged = pendingCredentials();
        if (staged.isPresent() && !staged.get().equals(was.refusedPending()) && !staged.get().equals(now)) {
            Credentials next = staged.get();
            if (!was.pending()) {
                current.refreshBy(clock.instant().plus(PENDING_POLL));
                if (firstTime(announced, next)) {
                    LOG.log(Level.INFO, "The database refused the credentials in " + versionStage + " of secret '"
                            + secretId + "' (user '" + now.username() + "'); using " + SecretsManagerClient.PENDING
                            + " (user '" + next.username() + "'), as during a rotation, and fetching " + versionStage
                            + " every " + PENDING_POLL.toSeconds() + " s until it changes");
                }
            }
            choose(was, new Choice(true, next, was.refusedCurrent(), was.refusedPending()));
            return next;
        }
        refusedBoth(now, staged);
        // Handed out again: the login fails at once; the next refusal asks Secrets Manager again.
        choose(was, new Choice(false, now, null, null));
        return now;
    }

    /**
     * The database refused {@code rejected}: if this source still hands them out, it fetches
     * {@code AWSCURRENT} again for the next {@link #credentials()}, and {@code AWSPENDING} if that
     * still holds the refused ones (each at most once a second). Never blocks.
     */
    @Override
    public void invalidate(Credentials rejected) {
        Choice was = choice.get();
        if (rejected == null || !rejected.equals(was.served())) {
            return; // replaced since: many connections fail at once with the old password
        }
        Choice next = was.pending() ? new Choice(true, was.served(), was.refusedCurrent(), rejected)
                : new Choice(false, was.served(), rejected, was.refusedPending());
        if (choice.compareAndSet(was, next)) {
            current.invalidate(held -> true);
            if (pending != null) {
                pending.invalidate(held -> true);
            }
        }
    }

    /** A login was refused and the caller cannot say with what: as a refusal of what is handed out now. */
    @Override
    public void invalidate() {
        invalidate(choice.get().served());
    }

    /**
     * Drops both stages' credentials and the AWS keys they were fetched with, and returns to
     * {@code AWSCURRENT}: the next {@link #credentials()} fetches anew, and nothing fetched before
     * is handed out after, even if that fetch fails. Never blocks for long.
     */
    @Override
    public void forget() {
        current.invalidate();
        if (pending != null) {
            pending.invalidate();
        }
        choice.set(new Choice(false, null, null, null));
        announced.set(null);
        warned.set(null);
        exhausted.set(null);
        pendingFailure.set(null);
        client.forgetKeys();
    }

    /** Whether {@code next} replaced {@code was}; a lost race means a refusal or another caller's choice is newer. */
    private boolean choose(Choice was, Choice next) {
        return !was.equals(next) && choice.compareAndSet(was, next);
    }

    /** {@code AWSPENDING}; a failure to read it (other than its absence) is logged once and taken as none. */
    private Optional<Credentials> pendingCredentials() {
        try {
            Optional<Credentials> staged = pending.get();
            pendingFailure.set(null);
            return staged;
        } catch (CredentialException e) {
            String message = String.valueOf(e.getMessage());
            if (firstTime(pendingFailure, message)) {
                LOG.log(Level.WARNING, "Reading " + SecretsManagerClient.PENDING + " of secret '" + secretId
                        + "' failed (" + message + "); only " + versionStage + " is used");
            }
            return Optional.empty();
        }
    }

    /**
     * Notes, for {@link #describe(Credentials)}, that {@code now} is handed out although the
     * database refused both stages, and warns once per pair of credentials.
     */
    private void refusedBoth(Credentials now, Optional<Credentials> staged) {
        String refusals = staged.isPresent() ? bothRefused(staged.get()) : "the database refused " + versionStage
                + ", and no other " + SecretsManagerClient.PENDING + " version exists";
        exhausted.set(new Exhausted(now, refusals));
        if (!firstTime(warned, List.of(now, staged))) {
            return;
        }
        LOG.log(Level.WARNING, "Authentication failed for user '" + now.username() + "' at " + config.target()
                + " with credentials from " + AwsProviders.SECRETS_MANAGER + " (secret '" + secretId + "'): "
                + refusals + ". Fix the secret or the database password; Secrets Manager is asked again "
                + "at most once a second");
    }

    /** That both stages were refused, {@code pending} last. */
    private String bothRefused(Credentials pending) {
        return "the database refused " + versionStage + " and " + SecretsManagerClient.PENDING + " (user '"
                + pending.username() + "')";
    }

    /**
     * The secret id, and which stages the database refused: both when {@code refused} is what was
     * handed out after both were ({@code secret 'prod/db': the database refused AWSCURRENT and
     * AWSPENDING (user 'app')}) or is {@code AWSPENDING}, tried because {@code AWSCURRENT} was
     * refused; else the one stage it came from ({@code secret 'prod/db', AWSCURRENT}). Names users
     * and stages, never a password.
     */
    @Override
    public String describe(Credentials refused) {
        Exhausted both = exhausted.get();
        if (both != null && both.served().equals(refused)) {
            return "secret '" + secretId + "': " + both.refusals();
        }
        Choice now = choice.get();
        if (now.pending() && refused != null && refused.equals(now.served())) {
            return "secret '" + secretId + "': " + bothRefused(refused);
        }
        return "secret '" + secretId + "', " + versionStage;
    }

    /** Whether {@code now} differs from what {@code last} held, and this caller is the one that recorded it. */
    private static <T> boolean firstTime(AtomicReference<T> last, T now) {
        T before = last.get();
        return !now.equals(before) && last.compareAndSet(before, now);
    }

    private Fetched<Credentials> fetchCurrent() throws CredentialException {
        boolean polling = choice.get().pending();
        LOG.log(polling ? Level.DEBUG : Level.INFO, "Retrieving database credentials from AWS Secrets Manager: "
                + secretId);
        Instant now = clock.instant();
        DatabaseConfig fresh = interpret(client.getSecretValue(secretId, versionStage).value());
        LOG.log(polling ? Level.DEBUG : Level.INFO, "Successfully retrieved database credentials for "
                + config.target());
        Fetched<Credentials> fetched = fetched(fresh.credentials(), now);
        if (polling && (fetched.refreshAt() == null || fetched.refreshAt().isAfter(now.plus(PENDING_POLL)))) {
            return new Fetched<>(fetched.value(), now.plus(PENDING_POLL), fetched.usableUntil());
        }
        return fetched;
    }

    private Fetched<Optional<Credentials>> fetchPending() throws CredentialException {
        LOG.log(Level.INFO, "Retrieving database credentials from AWS Secrets Manager: " + secretId + " ("
                + SecretsManagerClient.PENDING + ")");
        Optional<SecretValue> found = client.findSecretValue(secretId, SecretsManagerClient.PENDING);
        if (found.isEmpty()) {
            LOG.log(Level.DEBUG, "Secret '" + secretId + "' has no " + SecretsManagerClient.PENDING + " version");
            return Fetched.untilInvalidated(Optional.empty());
        }
        return Fetched.untilInvalidated(Optional.of(interpret(found.get().value()).credentials()));
    }

    /** The secret document as a configuration; a target other than the pool's is reported, not followed. */
    private DatabaseConfig interpret(String text) throws CredentialException {
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
        return fresh;
    }

    private Fetched<Credentials> fetched(Credentials credentials, Instant fetchedAt) {
        return new Fetched<>(credentials, ttl.isZero() ? null : fetchedAt.plus(ttl), null);
    }

    @Override
    public String toString() {
        return "SecretsManagerSource[" + secretId + " -> " + config.target() + "]";
    }
}
