package io.credpool.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderSelectorTest {

    /** A provider that is configured when its variable is set. */
    record Fake(String name, int priority, String variable) implements CredentialProvider {
        @Override
        public boolean isConfigured(Environment env) {
            return env.get(variable).isPresent();
        }

        @Override
        public String requirement() {
            return variable + " (fake)";
        }

        @Override
        public CredentialSource open(Environment env) {
            throw new UnsupportedOperationException();
        }
    }

    private static final List<CredentialProvider> ALL = List.of(
            new DatabaseUrlProvider(), new SecretFileProvider(),
            new Fake("aws-rds-iam", 300, "DATABASE_IAM_AUTH"), new Fake("aws-secrets-manager", 400, "AWS_SECRET_NAME"));

    private static Environment env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Environment.of(m);
    }

    static Stream<Arguments> rules() {
        String url = "postgresql://localhost/app";
        return Stream.of(
                Arguments.of(env("DATABASE_URL", url, "DATABASE_SECRET_FILE", "/s", "AWS_SECRET_NAME", "x"), "database-url"),
                Arguments.of(env("APP_ENV", "test", "DATABASE_URL", url, "AWS_SECRET_NAME", "x"), "database-url"),
                Arguments.of(env("DATABASE_SECRET_FILE", "/s", "AWS_SECRET_NAME", "x"), "aws-secrets-manager"),
                Arguments.of(env("DATABASE_SECRET_FILE", "/s"), "secret-file"),
                Arguments.of(env("APP_ENV", "production", "DATABASE_URL", url, "DATABASE_SECRET_FILE", "/s",
                        "AWS_SECRET_NAME", "x", "DATABASE_IAM_AUTH", "true"), "aws-secrets-manager"),
                Arguments.of(env("APP_ENV", "production", "DATABASE_URL", url, "DATABASE_IAM_AUTH", "true"), "aws-rds-iam"),
                Arguments.of(env("AWS_LAMBDA_FUNCTION_NAME", "fn", "DATABASE_URL", url, "DATABASE_SECRET_FILE", "/s"), "secret-file"),
                Arguments.of(env("APP_ENV", "production", "DATABASE_URL", url), "database-url"),
                Arguments.of(env("CREDPOOL_PROVIDER", "secret-file", "DATABASE_URL", url, "DATABASE_SECRET_FILE", "/s"), "secret-file"),
                Arguments.of(env("CREDPOOL_PROVIDER", " Database-URL ", "APP_ENV", "production", "DATABASE_URL", url,
                        "AWS_SECRET_NAME", "x"), "database-url"));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void selects(Environment env, String expected) {
        try (LogCapture log = new LogCapture()) {
            assertEquals(expected, ProviderSelector.select(env, ALL).name());
            List<String> info = log.messages(Level.INFO);
            assertEquals(1, info.size(), info::toString);
            assertTrue(info.get(0).contains(expected), info::toString);
        }
    }

    @Test
    void logsTheModeAndTheReason() {
        try (LogCapture log = new LogCapture()) {
            ProviderSelector.select(env("DATABASE_URL", "postgresql://localhost/app", "AWS_SECRET_NAME", "x"), ALL);
            ProviderSelector.select(env("APP_ENV", "production", "DATABASE_URL", "x", "AWS_SECRET_NAME", "x"), ALL);
            ProviderSelector.select(env("CREDPOOL_PROVIDER", "aws-rds-iam", "DATABASE_IAM_AUTH", "true"), ALL);
            assertEquals(List.of(
                    "Using credential provider database-url in the development environment (DATABASE_URL is set)",
                    "Using credential provider aws-secrets-manager in the production environment (priority 400,"
                            + " the highest of the"
                            + " configured aws-secrets-manager, database-url)",
                    "Using credential provider aws-rds-iam, chosen by CREDPOOL_PROVIDER"), log.messages(Level.INFO));
        }
    }

    @Test
    void tiesGoToTheFirstName() {
        List<CredentialProvider> tied = List.of(new Fake("zeta", 10, "Z"), new Fake("alpha", 10, "A"), new Fake("mid", 5, "M"));
        try (LogCapture ignored = new LogCapture()) {
            assertEquals("alpha", ProviderSelector.select(env("APP_ENV", "production", "Z", "1", "A", "1", "M", "1"), tied).name());
        }
    }

    @Test
    void anUnknownForcedNameListsWhatWasFound() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> ProviderSelector.select(env("CREDPOOL_PROVIDER", "vault"), ALL));
        assertEquals("CREDPOOL_PROVIDER names a provider that was not found (vault); found: aws-secrets-manager,"
                + " aws-rds-iam, secret-file, database-url. Fix the name or put the provider's JAR on the module or class path",
                e.getMessage());
    }

    @Test
    void aForcedProviderMustBeConfigured() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> ProviderSelector.select(env("CREDPOOL_PROVIDER", "secret-file", "DATABASE_URL", "x"), ALL));
        assertTrue(e.getMessage().contains("DATABASE_SECRET_FILE (path of a JSON file"), e.getMessage());
    }

    @Test
    void nothingConfiguredSaysWhatEachProviderLooksFor() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> ProviderSelector.select(env("APP_ENV", "test"), ALL));
        assertEquals("No database is configured (Test environment). Set one of: AWS_SECRET_NAME (fake) for"
                + " aws-secrets-manager; DATABASE_IAM_AUTH (fake) for aws-rds-iam; DATABASE_SECRET_FILE (path of a JSON file"
                + " {host, port, username, password, dbname}) for secret-file; DATABASE_URL (a postgresql://, postgres:// or"
                + " jdbc:postgresql:// URL) for database-url. Or choose a provider with CREDPOOL_PROVIDER=<name>", e.getMessage());
        assertThrows(DatabaseConfigException.class, () -> ProviderSelector.select(env(), List.of()));
    }

    @Test
    void twoProvidersWithOneNameAreAmbiguous() {
        List<CredentialProvider> twice = List.of(new DatabaseUrlProvider(), new Fake("database-url", 100, "DATABASE_URL"));
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> ProviderSelector.select(env("DATABASE_URL", "x"), twice));
        assertTrue(e.getMessage().startsWith("Several credential providers are named database-url"), e.getMessage());
    }

    @Test
    void theRealDiscoveryFollowsTheRules() {
        try (LogCapture ignored = new LogCapture()) {
            Environment both = env("DATABASE_URL", "postgresql://localhost/app", "DATABASE_SECRET_FILE", "/s");
            assertEquals("database-url", ProviderSelector.select(both).name());
            Environment prod = env("APP_ENV", "production", "DATABASE_URL", "postgresql://localhost/app", "DATABASE_SECRET_FILE", "/s");
            assertEquals("secret-file", ProviderSelector.select(prod).name());
        }
    }
}
