package io.credpool.testprovider;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseUrl;
import io.credpool.Environment;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;

/**
 * A provider that lives outside credpool, as a third party's would. Registered in
 * {@code META-INF/services}; the discovery tests package it as a JAR at run time and load it from
 * the class path and, as an automatic module, from the module path.
 */
public final class TestProvider implements CredentialProvider {

    /** For ServiceLoader. */
    public TestProvider() {
    }

    @Override
    public String name() {
        return "test-provider";
    }

    @Override
    public boolean isConfigured(Environment env) {
        return env.get("TEST_PROVIDER_URL").isPresent();
    }

    @Override
    public String requirement() {
        return "TEST_PROVIDER_URL (a URL, for tests)";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public CredentialSource open(Environment env) {
        DatabaseConfig config = DatabaseUrl.parse(env.get("TEST_PROVIDER_URL").orElseThrow());
        return new CredentialSource() {
            @Override
            public DatabaseConfig config() {
                return config;
            }

            @Override
            public Credentials credentials() {
                return config.credentials();
            }
        };
    }
}
