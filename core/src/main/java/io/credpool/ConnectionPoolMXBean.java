package io.credpool;

/**
 * What JMX consoles see of a {@link ConnectionPool} registered with
 * {@link ConnectionPool.Builder#registerMBean(boolean)} (or {@code CREDPOOL_JMX=true}), under
 * {@code io.credpool:type=ConnectionPool,name=<pool name>}: the live counts as attributes and
 * {@link #resize(int)}, {@link #evictIdle()}, {@link #suspend()} and {@link #resume()} as operations. A name that holds a character an {@code ObjectName}
 * value may not ({@code , = : " * ?}), as the default {@code host:port/database} does, is quoted:
 * {@code name="db.example:5432/app"}.
 *
 * <p>Try it with {@code jconsole} (tab MBeans, domain {@code io.credpool}) or VisualVM. Every
 * attribute is a number; none holds a URL, a user or a password.
 *
 * <p>Public because JMX calls it from outside the module; applications use {@link ConnectionPool}
 * and {@link ConnectionPool#stats()} instead.
 */
public interface ConnectionPoolMXBean {

    /** Physical connections open or being opened: {@link PoolStats#total()}. */
    int getTotal();

    /** Connections borrowed right now: {@link PoolStats#active()}. */
    int getActive();

    /** Connections ready to be borrowed: {@link PoolStats#idle()}. */
    int getIdle();

    /** Threads waiting for a connection: {@link PoolStats#waiting()}. */
    int getWaiting();

    /** The most physical connections the pool opens, counting ones being opened; {@link #resize(int)} changes it. */
    int getMaxSize();

    /**
     * Changes the maximum number of connections: {@link ConnectionPool#resize(int)}.
     *
     * @throws IllegalArgumentException when {@code maxSize} is not between 1 and 10,000
     */
    void resize(int maxSize);

    /** Closes idle connections now and borrowed ones when returned: {@link ConnectionPool#evictIdle()}. */
    void evictIdle();

    /** Closes every connection and opens none until {@link #resume()}: {@link ConnectionPool#suspend()}. */
    void suspend();

    /** Serves again after {@link #suspend()}: {@link ConnectionPool#resume()}. */
    void resume();
}
