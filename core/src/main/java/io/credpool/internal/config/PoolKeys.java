package io.credpool.internal.config;

import io.credpool.DatabaseConfigException;
import io.credpool.PoolSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Pool keys ({@code connection_limit}, {@code pool_timeout}, ...) into {@link PoolSettings}.
 * Exported to {@code io.credpool.aws} so its providers build settings the same way.
 */
public final class PoolKeys {

    /** The most connections {@code connection_limit} accepts. */
    public static final int MAX_CONNECTIONS = 10_000;

    private PoolKeys() {
    }

    /**
     * The defaults for configurations read from a secret document: {@code connection_limit} 5 and
     * {@code pool_timeout} 20 s (the seed's serverless settings); everything else as
     * {@link PoolSettings#defaults()}.
     */
    public static PoolSettings secretDefaults() {
        return PoolSettings.defaults().withMaxSize(5).withAcquireTimeout(Duration.ofSeconds(20));
    }

    /** {@code base} with the pool keys among {@code settings} applied; other keys are ignored. */
    public static PoolSettings apply(PoolSettings base, Map<String, Setting> settings) {
        PoolSettings p = base;
        Setting s = settings.get(Keys.CONNECTION_LIMIT);
        if (s != null) {
            p = p.withMaxSize(Values.wholeNumber(s, 1, MAX_CONNECTIONS, "10"));
        }
        s = settings.get(Keys.MIN_IDLE);
        if (s != null) {
            int minIdle = Values.wholeNumber(s, 0, MAX_CONNECTIONS, "2");
            if (minIdle > p.maxSize()) {
                throw new DatabaseConfigException(s.describe() + " must not exceed the pool's maximum size ("
                        + p.maxSize() + "): lower it or raise connection_limit");
            }
            p = p.withMinIdle(minIdle);
        }
        if ((s = settings.get(Keys.POOL_TIMEOUT)) != null) {
            p = p.withAcquireTimeout(Values.seconds(s, "20"));
        }
        if ((s = settings.get(Keys.CONNECT_TIMEOUT)) != null) {
            p = p.withConnectTimeout(Values.seconds(s, "5"));
        }
        if ((s = settings.get(Keys.VALIDATION_TIMEOUT)) != null) {
            p = p.withValidationTimeout(Values.seconds(s, "3"));
        }
        if ((s = settings.get(Keys.LEAK_THRESHOLD)) != null) {
            p = p.withLeakThreshold(Values.seconds(s, "60"));
        }
        if ((s = settings.get(Keys.SHUTDOWN_TIMEOUT)) != null) {
            p = p.withShutdownTimeout(Values.seconds(s, "10"));
        }
        if ((s = settings.get(Keys.MAX_LIFETIME)) != null) {
            p = p.withMaxLifetime(Values.seconds(s, "300"));
        }
        if ((s = settings.get(Keys.MAX_IDLE_LIFETIME)) != null) {
            p = p.withIdleTimeout(Values.seconds(s, "300"));
        }
        return p;
    }
}
