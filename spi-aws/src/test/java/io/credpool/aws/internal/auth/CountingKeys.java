package io.credpool.aws.internal.auth;

import java.util.concurrent.atomic.AtomicInteger;

/** Fixed AWS keys that count how often they were dropped ({@link #invalidate()}): for tests of {@code forget()}. */
public final class CountingKeys implements AwsCredentialsSource {

    private final AwsCredentials keys;
    private final AtomicInteger dropped = new AtomicInteger();

    public CountingKeys(AwsCredentials keys) {
        this.keys = keys;
    }

    @Override
    public AwsCredentials credentials() {
        return keys;
    }

    @Override
    public void invalidate() {
        dropped.incrementAndGet();
    }

    /** How often {@link #invalidate()} was called. */
    public int dropped() {
        return dropped.get();
    }
}
