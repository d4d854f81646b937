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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;

/**
 * Credentials from a secret file. Each {@link #credentials()} compares the file's modification
 * time and size with those of the last read (one {@code stat}) and reads it again at once when
 * they differ, through the shared {@link RefreshingCache} (one read at a time). After the database
 * refused the credentials it holds ({@link #invalidate(Credentials)}), a file not rewritten yet is
 * read again at most once a second; credentials refused after the file changed concern the old
 * contents and change nothing. The target ({@link #config()}) is fixed at open. The
 * file must be a regular file (symbolic links are followed) of at most 64 KiB of UTF-8.
 */
final class SecretFileSource implements CredentialSource {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** The largest secret file read, in bytes (64 KiB, Secrets Manager's own limit for a secret). */
    static final int MAX_SIZE = 64 * 1024;

    /** A rewritten file is read at once (staleness); an unchanged one again at most once a second. */
    private static final CachePolicy POLICY = CachePolicy.defaults();

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

    /** Some login was refused and the caller cannot say with what: as a refusal of what is held. */
    @Override
    public void invalidate() {
        cache.invalidate(held -> true);
    }

    @Override
    public void invalidate(Credentials rejected) {
        cache.invalidate(held -> held.credentials().equals(rejected));
    }

    /** The file's path: what to fix when the database refuses what it holds. */
    @Override
    public String describe(Credentials refused) {
        return "file " + path;
    }

    /** Drops what was read: the next {@link #credentials()} reads the file again. */
    @Override
    public void forget() {
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

    /**
     * Reads and parses the file. Symbolic links are followed (Kubernetes mounts secrets through
     * them), but the target must be a regular file of at most {@link #MAX_SIZE} bytes: the type is
     * checked before the file is opened, so a FIFO never blocks and a device is never read, and at
     * most one byte past the cap is read, in case the file grew after the check.
     */
    private DatabaseSecret read() throws CredentialException {
        BasicFileAttributes attributes = attributes();
        if (!attributes.isRegularFile()) {
            throw rejected("is not a regular file (" + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket")
                    + "): point " + SecretFileProvider.VARIABLE + " at the JSON file itself");
        }
        if (attributes.size() > MAX_SIZE) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_SIZE + 1);
        } catch (IOException | SecurityException e) {
            throw cannotRead(e);
        }
        if (bytes.length > MAX_SIZE) {
            throw tooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw rejected("is not UTF-8 text: save the secret JSON as UTF-8");
        }
        return DatabaseSecret.parse(text);
    }

    private CredentialException tooLarge() {
        return rejected("is larger than 64 KiB: a database secret is a small JSON document; check that "
                + SecretFileProvider.VARIABLE + " names the right file");
    }

    private CredentialException rejected(String why) {
        return new CredentialException("The secret file " + path + " named by " + SecretFileProvider.VARIABLE + " " + why);
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
