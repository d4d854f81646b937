package io.credpool.internal.provider;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.DatabaseSecret;
import io.credpool.Environment;
import io.credpool.internal.cache.CachePolicy;
import io.credpool.internal.cache.Fetched;
import io.credpool.internal.cache.RefreshingCache;
import io.credpool.spi.CredentialSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;

/**
 * Credentials from a secret file. Each {@link #credentials()} compares the file's modification
 * time and size with those of the last read (one {@code stat}) and reads it again when they
 * differ or after {@link #invalidate()}, through the shared {@link RefreshingCache} (one read at a
 * time; no minimum interval: the file is local). The target ({@link #config()}) is fixed at open.
 */
final class SecretFileSource implements CredentialSource {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** Reading a local file floods nothing: re-read on every invalidation, as soon as asked. */
    private static final CachePolicy POLICY = new CachePolicy(Duration.ZERO, CachePolicy.RETRY_AFTER,
            CachePolicy.WAIT_TIMEOUT);

    /** What was read, and the file's state when it was. */
    private record Snapshot(Credentials credentials, FileTime modified, long size) {
    }

    private final Path path;
    private final DatabaseConfig config;
    private final RefreshingCache<Snapshot> cache;

    SecretFileSource(Path path, Environment env) throws CredentialException {
        this.path = path;
        BasicFileAttributes attributes = attributes();
        DatabaseSecret secret = read();
        this.config = secret.toConfig(env);
        this.cache = new RefreshingCache<>("database credentials from the secret file", this::reread, this::changed,
                POLICY, Clock.systemUTC());
        cache.seed(Fetched.untilInvalidated(
                new Snapshot(config.credentials(), attributes.lastModifiedTime(), attributes.size())));
        LOG.log(Level.INFO, "Read database credentials from secret file " + path + " for " + config.target());
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() throws CredentialException {
        return cache.get().credentials();
    }

    @Override
    public void invalidate() {
        cache.invalidate();
    }

    /** Whether the file changed since {@code seen} was read: one {@code stat}. */
    private boolean changed(Snapshot seen) throws CredentialException {
        BasicFileAttributes now = attributes();
        return !now.lastModifiedTime().equals(seen.modified()) || now.size() != seen.size();
    }

    private Fetched<Snapshot> reread() throws CredentialException {
        BasicFileAttributes now = attributes();
        DatabaseSecret secret;
        try {
            secret = read();
        } catch (DatabaseConfigException e) {
            throw new CredentialException("The secret file " + path + " cannot be used: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "Read database credentials again from secret file " + path);
        return Fetched.untilInvalidated(new Snapshot(Credentials.of(secret.username(), secret.password()),
                now.lastModifiedTime(), now.size()));
    }

    private BasicFileAttributes attributes() throws CredentialException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            throw cannotRead(e);
        }
    }

    private DatabaseSecret read() throws CredentialException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw cannotRead(e);
        }
        return DatabaseSecret.parse(text);
    }

    private CredentialException cannotRead(Exception e) {
        return new CredentialException("Cannot read the secret file " + path + " named by "
                + SecretFileProvider.VARIABLE + " (" + e.getClass().getSimpleName() + "): check the path and its permissions");
    }

    @Override
    public String toString() {
        return "SecretFileSource[" + path + " -> " + config.target() + "]";
    }
}
