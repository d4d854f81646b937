package io.credpool;

import io.credpool.spi.CredentialSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A credential source for tests: it hands out a cached password, and on {@link #invalidate()}
 * "fetches" whatever {@link #rotate(String)} last stored, like a secret store after rotation. It
 * keeps the credentials the pool said were refused, and otherwise keeps the default
 * {@code invalidate(Credentials)} (which calls {@code invalidate()}), as a source written before it
 * existed does.
 */
final class TestCredentialSource implements CredentialSource {

    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger invalidations = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final List<Credentials> refused = new CopyOnWriteArrayList<>();
    private final DatabaseConfig config;
    private final AtomicReference<String> cached;
    private final AtomicReference<String> stored;

    TestCredentialSource(String database, String password) {
        this.config = new DatabaseConfig("jdbc:stub://" + database, Credentials.of("app", password),
                java.util.Map.of("ApplicationName", "test"),
                PoolSettings.defaults().withRetry(StubPools.FAST).withAcquireTimeout(java.time.Duration.ofSeconds(2)));
        this.cached = new AtomicReference<>(password);
        this.stored = new AtomicReference<>(password);
    }

    /** The secret store now holds {@code password}; the cache keeps the old one until invalidated. */
    void rotate(String password) {
        stored.set(password);
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Credentials credentials() {
        fetches.incrementAndGet();
        return Credentials.of("app", cached.get());
    }

    @Override
    public void invalidate() {
        invalidations.incrementAndGet();
        cached.set(stored.get());
    }

    @Override
    public void invalidate(Credentials rejected) {
        refused.add(rejected);
        CredentialSource.super.invalidate(rejected);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
