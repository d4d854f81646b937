package io.credpool.internal.jmx;

import io.credpool.ConnectionPoolMXBean;
import io.credpool.internal.pool.Pool;

/** A pool as its MXBean: counts read from {@link Pool#stats()} on every call, never a secret. */
public final class PoolBean implements ConnectionPoolMXBean {

    private final Pool pool;

    /** The MXBean of {@code pool}. */
    public PoolBean(Pool pool) {
        this.pool = pool;
    }

    @Override
    public int getTotal() {
        return pool.stats().total();
    }

    @Override
    public int getActive() {
        return pool.stats().active();
    }

    @Override
    public int getIdle() {
        return pool.stats().idle();
    }

    @Override
    public int getWaiting() {
        return pool.stats().waiting();
    }

    @Override
    public int getMaxSize() {
        return pool.settings().maxSize();
    }

    @Override
    public void resize(int maxSize) {
        pool.resize(maxSize);
    }

    @Override
    public void evictIdle() {
        pool.evictIdle();
    }

    @Override
    public void suspend() {
        pool.suspend();
    }

    @Override
    public void resume() {
        pool.resume();
    }

    /** {@code PoolBean[name]}: the name only. */
    @Override
    public String toString() {
        return "PoolBean[" + pool.name() + "]";
    }
}
