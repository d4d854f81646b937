package io.credpool.internal.pool;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.spi.CredentialSource;

/** Credentials given once (to the builder, in a {@link DatabaseConfig} or by a URL); they never change. */
public final class StaticCredentialSource implements CredentialSource {

    private final DatabaseConfig config;

    /** A source that always answers {@code config.credentials()}. */
    public StaticCredentialSource(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() {
        return config.credentials();
    }

    @Override
    public String toString() {
        return "StaticCredentialSource[" + config.target() + ", user=" + config.credentials().username() + "]";
    }
}
