package io.credpool.internal.provider;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.DatabaseSecret;
import io.credpool.Environment;
import io.credpool.spi.CredentialSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Credentials from a secret file. Each {@link #credentials()} compares the file's modification
 * time and size with those of the last read (one {@code stat}) and reads it again when they
 * differ or after {@link #invalidate()}. The target ({@link #config()}) is fixed at open.
 */
final class SecretFileSource implements CredentialSource {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** What was read, and the file's state when it was. */
    private record Snapshot(Credentials credentials, FileTime modified, long size) {
    }

    private final Path path;
    private final DatabaseConfig config;
    private volatile Snapshot current;
    private volatile boolean invalidated;

    SecretFileSource(Path path, Environment env) throws CredentialException {
        this.path = path;
        BasicFileAttributes attributes = attributes();
        DatabaseSecret secret = read();
        this.config = secret.toConfig(env);
        this.current = new Snapshot(config.credentials(), attributes.lastModifiedTime(), attributes.size());
        LOG.log(Level.INFO, "Read database credentials from secret file " + path + " for " + config.target());
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() throws CredentialException {
        Snapshot seen = current;
        BasicFileAttributes now = attributes();
        if (!invalidated && now.lastModifiedTime().equals(seen.modified()) && now.size() == seen.size()) {
            return seen.credentials();
        }
        synchronized (this) {
            if (current != seen) {
                return current.credentials();
            }
            invalidated = false;
            DatabaseSecret secret;
            try {
                secret = read();
            } catch (DatabaseConfigException e) {
                throw new CredentialException("The secret file " + path + " cannot be used: " + e.getMessage(), e);
            }
            current = new Snapshot(Credentials.of(secret.username(), secret.password()),
                    now.lastModifiedTime(), now.size());
            LOG.log(Level.INFO, "Read database credentials again from secret file " + path);
            return current.credentials();
        }
    }

    @Override
    public void invalidate() {
        invalidated = true;
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
