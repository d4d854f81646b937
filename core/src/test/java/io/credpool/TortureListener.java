package io.credpool;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The torture round's {@link PoolListener}: counts leases begun and ended (every lease must be
 * heard of exactly once each way) and, at the round's rate, throws a RuntimeException or an
 * Error from any callback, which the pool must shrug off.
 */
final class TortureListener implements PoolListener {

    final LongAdder acquired = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder negative = new LongAdder();
    private final double failRate;

    TortureListener(double failRate) {
        this.failRate = failRate;
    }

    @Override
    public void acquired(Duration waited) {
        acquired.increment();
        check(waited);
    }

    @Override
    public void released(Duration held) {
        released.increment();
        check(held);
    }

    @Override
    public void connected(Duration took) {
        check(took);
    }

    @Override
    public void connectFailed(SQLException cause, int attempt) {
        if (cause == null || attempt < 1) {
            negative.increment();
        }
        check(Duration.ZERO);
    }

    @Override
    public void timedOut(Duration waited) {
        check(waited);
    }

    @Override
    public void evicted(String reason) {
        check(reason == null ? Duration.ofNanos(-1) : Duration.ZERO);
    }

    private void check(Duration d) {
        if (d.isNegative()) {
            negative.increment();
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (failRate > 0 && r.nextDouble() < failRate) {
            if (r.nextBoolean()) {
                throw new IllegalStateException("torture listener failure");
            }
            throw new AssertionError("torture listener error");
        }
    }
}
