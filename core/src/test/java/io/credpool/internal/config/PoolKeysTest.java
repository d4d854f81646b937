package io.credpool.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.PoolSettings;
import io.credpool.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolKeysTest {

    /** The pool settings a target with a plain URL gets in {@code env}: how the DATABASE_<KEY> variables reach the pool. */
    private static PoolSettings poolFrom(Environment env, PoolSettings defaults) {
        return ConfigAssembler.fromUrl("postgresql://db.example/app", env, defaults).pool();
    }

    @Test
    void documentedDefaults() {
        PoolSettings d = PoolSettings.defaults();
        assertEquals(2 * Runtime.getRuntime().availableProcessors() + 1, d.maxSize());
        assertEquals(Duration.ofSeconds(10), d.acquireTimeout());
        assertEquals(Duration.ofSeconds(5), d.connectTimeout());
        assertEquals(Duration.ofSeconds(300), d.maxLifetime());
        assertEquals(Duration.ofSeconds(300), d.idleTimeout());
        RetryPolicy retry = d.retry();
        assertEquals(3, retry.maxAttempts());
        assertEquals(Duration.ZERO, retry.delayBefore(1));
        assertEquals(Duration.ofMillis(1000), retry.delayBefore(2));
        assertEquals(Duration.ofMillis(2000), retry.delayBefore(3));

        PoolSettings secret = PoolKeys.secretDefaults();
        assertEquals(5, secret.maxSize());
        assertEquals(Duration.ofSeconds(20), secret.acquireTimeout());
        assertEquals(d.withMaxSize(5).withAcquireTimeout(Duration.ofSeconds(20)), secret);
    }

    @Test
    void fromEnvironmentAppliesEveryPoolKey() {
        Environment env = Environment.of(Map.of("DATABASE_CONNECTION_LIMIT", " 12 ", "DATABASE_MIN_IDLE", "2",
                "DATABASE_POOL_TIMEOUT", "0", "DATABASE_CONNECT_TIMEOUT", "7", "DATABASE_VALIDATION_TIMEOUT", "1",
                "DATABASE_LEAK_THRESHOLD", "60", "DATABASE_SHUTDOWN_TIMEOUT", "4", "DATABASE_MAX_CONNECTION_LIFETIME", "900",
                "DATABASE_MAX_IDLE_CONNECTION_LIFETIME", "30", "DATABASE_SSLMODE", "require"));
        PoolSettings p = poolFrom(env, PoolKeys.secretDefaults());
        assertEquals(new PoolSettings(12, 2, Duration.ZERO, Duration.ofSeconds(7), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(900), Duration.ofSeconds(60), Duration.ofSeconds(4),
                RetryPolicy.defaults()), p);
        assertEquals(PoolKeys.secretDefaults(), poolFrom(Environment.of(Map.of()), PoolKeys.secretDefaults()));
    }

    @Test
    void environmentSettingsComeInAlphabeticalOrderOfKey() {
        Environment env = Environment.of(Map.of("DATABASE_SSLMODE", "require", "DATABASE_CONNECTION_LIMIT", "3",
                "DATABASE_SCHEMA", "app", "DATABASE_APPLICATION_NAME", "svc", "DATABASE_HOST", "ignored"));
        assertEquals(java.util.List.of("application_name", "connection_limit", "schema", "sslmode"),
                new java.util.ArrayList<>(Keys.fromEnvironment(env).keySet()));
        assertEquals(Setting.Origin.ENVIRONMENT, Keys.fromEnvironment(env).get("schema").origin());
    }

    @Test
    void errorsNameTheVariableAndTheFix() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> poolFrom(
                Environment.of(Map.of("DATABASE_POOL_TIMEOUT", "20s")), PoolSettings.defaults()));
        assertEquals("DATABASE_POOL_TIMEOUT must be a whole number from 0 to 2147483, e.g. DATABASE_POOL_TIMEOUT=20",
                e.getMessage());
        e = assertThrows(DatabaseConfigException.class, () -> poolFrom(
                Environment.of(Map.of("DATABASE_MIN_IDLE", "9")), PoolKeys.secretDefaults()));
        assertTrue(e.getMessage().startsWith("DATABASE_MIN_IDLE must not exceed the pool's maximum size (5)"), e.getMessage());
    }
}
