package io.credpool.internal.provider;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.spi.CredentialSource;

/** A source whose credentials never change: those of a URL. */
record FixedSource(DatabaseConfig config) implements CredentialSource {

    @Override
    public Credentials credentials() {
        return config.credentials();
    }
}
