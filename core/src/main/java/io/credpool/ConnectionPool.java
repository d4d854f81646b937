package io.credpool;

import io.credpool.internal.config.Redact;
import io.credpool.internal.jmx.MBeans;
import io.credpool.internal.jmx.PoolBean;
import io.credpool.internal.pool.Pool;
import io.credpool.internal.pool.PoolSetup;
import io.credpool.internal.pool.StaticCredentialSource;
import io.credpool.spi.CredentialSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool of JDBC connections to one database: a {@link DataSource} that is fast, bounded and
 * heals itself.
 *
 * <pre>{@code
 * try (ConnectionPool pool = ConnectionPool.builder()
 *         .jdbcUrl("jdbc:postgresql://localhost:5432/app")
 *         .username("app").password(secret)
 *         .maxSize(10)
 *         .build();
 *      Connection c = pool.getConnection()) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Borrowing.</b> {@link #getConnection()} lends the most recently returned idle connection;
 * when none is idle it opens a new one if fewer than {@code maxSize} exist (counting those being
 * opened), and otherwise waits, first come first served, up to {@code acquireTimeout}. A
 * connection given back wakes the longest waiter, and once that waiter has waited 1 ms it is
 * handed the connection directly: a newcomer never gets ahead of a waiter for longer than that,
 * and a busy pool does not pay a thread wake-up for every borrow. A connection idle for more
 * than 500 ms is checked with {@code isValid} before it is lent.
 *
 * <p><b>Returning.</b> Closing the borrowed connection returns it. Statements left open are
 * closed, an open transaction is rolled back, and the settings the borrower changed
 * (auto-commit, isolation, read-only, catalog, schema, network timeout, holdability, type map)
 * are restored; a borrower that changed nothing costs no round trip. A connection that raised
 * an SQLException with SQLState class {@code 08} or {@code 57P01}–{@code 57P03} is discarded.
 *
 * <p><b>Credentials.</b> Every new physical connection asks the {@link CredentialSource} for
 * current credentials. When the database rejects them ({@code 28P01}, {@code 28000}) the pool
 * calls {@link CredentialSource#invalidate()} and tries once more at once, so a rotated password
 * costs no failed borrow.
 *
 * <p><b>Failures.</b> {@link Builder#build()} opens the first connection under the
 * {@link RetryPolicy}. Later, connections are opened in the background while borrowers wait,
 * never holding one past its acquire timeout; failed attempts are retried with the policy's
 * backoff, with jitter and at most 2 s apart, so the pool refills soon after the database
 * returns. A borrower that times out meanwhile is told why the last attempt failed. Messages
 * name host, port, database, user and provider; never a password.
 *
 * <p>All pool threads are daemon threads named {@code credpool-*}; {@link #close()} stops them.
 * The pool is safe for any number of platform or virtual threads: it takes no locks.
 */
public final class ConnectionPool implements DataSource, AutoCloseable {

    private final Pool pool;
    /** The pool's MXBean registration, or null when JMX is off. */
    private final MBeans.Registration mbean;
    private volatile PrintWriter logWriter;
    private volatile int loginTimeout;

    private ConnectionPool(Pool pool, MBeans.Registration mbean) {
        this.pool = pool;
        this.mbean = mbean;
    }

    /** A builder for a new pool. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Borrows a connection; close it to give it back.
     *
     * @throws java.sql.SQLTransientConnectionException when none became free within the acquire
     *         timeout; the message shows the live counts and the last connect failure, if any
     * @throws SQLException "pool is closed" (SQLState {@code 08003}) after {@link #close()}; or
     *         when the thread was interrupted while waiting (its interrupt flag stays set); or
     *         when the database rejected fresh credentials
     */
    @Override
    public Connection getConnection() throws SQLException {
        return pool.acquire();
    }

    /**
     * Not supported: a pool lends connections of its configured user only.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(
                "A ConnectionPool lends connections of its configured user only: call getConnection()");
    }

    /** A snapshot of the live counts (total, active, idle, waiting) and the counters since the start. */
    public PoolStats stats() {
        return pool.stats();
    }

    /**
     * The pool's name: the one given to {@link Builder#name(String)}, else the target
     * {@code host:port/database}. Log lines and messages of a named pool show it beside the target.
     */
    public String name() {
        return pool.name();
    }

    /**
     * The settings the pool runs with (maximum size, timeouts, ...), resolved from its
     * configuration and builder, e.g. for a dashboard's "max" line. Holds no secret.
     */
    public PoolSettings settings() {
        return pool.settings();
    }

    /** The database the pool connects to, {@code host:port/database}: never credentials. */
    public String target() {
        return pool.setup().target();
    }

    /**
     * Where the pool's credentials come from: the credential provider's name (e.g.
     * {@code database-url}, {@code aws-secrets-manager}) for pools from {@link Database}, else
     * what {@link Builder#provider(String)} said or a description of the source.
     */
    public String provider() {
        return pool.setup().provider();
    }

    /**
     * How the pool is doing, for a health check: {@code DOWN} when new connections cannot be
     * opened and none is idle (or the pool is closed), {@code DEGRADED} when they cannot be
     * opened but idle ones still serve or a borrower timed out lately, {@code UP} otherwise.
     * Reports what the pool has seen; it does no I/O and returns at once. Never shows a secret.
     */
    public PoolHealth health() {
        return pool.health();
    }

    /**
     * Replaces every physical connection, for when the ones open are no longer wanted: the
     * database failed over, or the password they logged in with was rotated and should no longer
     * be in use. Idle connections are closed now; borrowed ones are closed when they are returned
     * instead of going back to the pool; one being opened is closed as soon as it is. The pool
     * then opens new connections as usual, for waiting borrowers and {@code minIdle}.
     *
     * <p>A {@link #getConnection()} that begins after this method returns never gets a
     * connection that was open, or being opened, when it was called. Borrowers are not
     * interrupted, and the call returns at once: the connections are closed on the pool's closer
     * threads, and {@link PoolListener#evicted(String)} hears {@code "evicted on request"} for
     * each. Safe at any time from any thread, also concurrently with itself or {@link #close()};
     * on a closed pool it does nothing.
     */
    public void evictIdle() {
        pool.evictIdle();
    }

    /**
     * Changes the most physical connections the pool keeps (counting ones being opened), at run
     * time: for a service that needs more connections at peak, or fewer after a database was
     * scaled down. {@link #settings()} reports the new {@code maxSize} from now on, and
     * {@code minIdle} is lowered to it if it was higher (and restored when the pool grows back).
     *
     * <p>Growing takes effect at once: the borrowers waiting get new connections right away.
     * Shrinking closes the idle connections above the new maximum now and each borrowed one above
     * it when its borrower returns it (borrowers are not disturbed), so {@link #stats()} may show
     * more than the new maximum until they come back; no new connection is opened above it, and a
     * {@link #getConnection()} that begins after this method returns is not lent a connection the
     * shrink condemned. {@link PoolListener#evicted(String)} hears {@code "pool resized"} for each.
     * Returns at once; safe from any thread, also concurrently with itself (the calls take effect
     * one after the other) and with {@link #close()}. On a closed pool it does nothing.
     *
     * @param maxSize the new maximum, 1 to 10,000 (what {@code connection_limit} accepts)
     * @throws IllegalArgumentException when {@code maxSize} is out of that range; the pool is unchanged
     */
    public void resize(int maxSize) {
        pool.resize(maxSize);
    }

    /**
     * Closes every physical connection and opens none until {@link #resume()}: for a CRaC
     * {@code beforeCheckpoint} or an AWS Lambda SnapStart hook, so that no socket (nor a secret
     * the credential source cached) ends up in the snapshot, and a restored copy starts fresh.
     *
     * <p>Idle connections are closed at once, borrowed ones when they are returned (their
     * borrowers are not disturbed), and one being opened as soon as it is; nothing new is
     * connected: no growth for borrowers, no {@code minIdle} refill, no background retry. The
     * call returns once no connection is left but borrowed ones, or after the shutdown timeout
     * at most (a connect or close the driver is stuck in then ends later, and is closed then).
     * {@link CredentialSource#forget()} is called, so the built-in sources drop the cached
     * password or token and the AWS keys they fetched it with, and fetch them anew after
     * {@code resume()}. The housekeeping thread keeps running but opens nothing.
     *
     * <p>While suspended, {@link #getConnection()} waits, as when the pool is exhausted, until
     * {@code resume()} (then it is served at once) or its acquire timeout, whose message says that
     * the pool is suspended and how to resume it. A {@code getConnection()} that begins after this
     * method returned and ends before {@code resume()} is called never gets a connection, and none
     * open before the call is lent after it returned. {@link #health()} reports {@code DEGRADED}
     * with the detail {@code "suspended: ..."}; {@link #stats()} shows the borrowed connections
     * (and, for a moment, background retries giving their slot back); timeouts while suspended
     * are counted there but do not make the health {@code DEGRADED} once resumed.
     *
     * <p>Idempotent, safe from any thread, also concurrently with {@link #resume()},
     * {@link #evictIdle()} or {@link #close()}, which works on a suspended pool as on any other;
     * on a closed pool it does nothing. The thread's interrupt status is kept, not acted on.
     */
    public void suspend() {
        pool.suspend();
    }

    /**
     * Ends {@link #suspend()}: the pool opens connections again at once, for the borrowers waiting
     * and up to {@code minIdle}, with credentials fetched anew. Returns at once; idempotent, safe
     * from any thread; on a pool that is not suspended, or closed, it does nothing.
     */
    public void resume() {
        pool.resume();
    }

    /** Whether {@link #suspend()} was called and {@link #resume()} has not been since. */
    public boolean isSuspended() {
        return pool.isSuspended();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /**
     * Closes the pool gracefully: new borrows fail at once with "pool is closed", waiting
     * borrowers are woken with that error, idle connections are closed, borrowed ones are closed
     * when returned or aborted after the shutdown timeout, the pool's threads stop and the
     * credential source is closed, and the pool's MXBean, if any, is unregistered. Calling it
     * again does nothing (it waits for the first call to finish).
     */
    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            if (mbean != null) {
                mbean.unregister();
            }
        }
    }

    /** {@code ConnectionPool[host:port/db, total=5, active=2, idle=3, waiting=0]}: no credentials. */
    @Override
    public String toString() {
        return "ConnectionPool[" + pool.describe() + "]";
    }

    /** The writer set with {@link #setLogWriter}; the pool itself logs through {@code System.Logger}. */
    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Kept for {@link DataSource} compatibility; the pool logs through {@code System.Logger} named {@code io.credpool}. */
    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Kept for {@link DataSource} compatibility; the connect timeout is {@link PoolSettings#connectTimeout()}. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    /** The value set with {@link #setLoginTimeout}, 0 by default. */
    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    /** The {@code java.util.logging} logger named {@code io.credpool}. */
    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.credpool");
    }

    /** This pool, when it is an instance of {@code iface}. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("ConnectionPool is not a wrapper for " + iface.getName());
    }

    /** Whether this pool is an instance of {@code iface}. */
    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /**
     * Configures a {@link ConnectionPool}. The target comes from {@link #jdbcUrl}, a
     * {@link #config(DatabaseConfig)} or a {@link #credentials(CredentialSource)}; settings start
     * from {@link #settings}, else the config's or source's, else {@link PoolSettings#defaults()},
     * and the single-setting methods win over all of them whatever the order of calls.
     * {@link #toString()} never shows the password.
     */
    public static final class Builder {

        private static final int MAX_NAME_LENGTH = 100;

        private String jdbcUrl;
        private String username;
        private String password;
        private CredentialSource source;
        private String provider;
        private DatabaseConfig config;
        private final Map<String, String> driverProperties = new LinkedHashMap<>();
        private PoolSettings settings;
        private Integer maxSize;
        private Integer minIdle;
        private Duration acquireTimeout;
        private Duration leakThreshold;
        private Duration idleTimeout;
        private Duration maxLifetime;
        private Duration shutdownTimeout;
        private RetryPolicy retry;
        private boolean logStatements;
        private String name;
        private PoolListener listener;
        private Boolean registerMBean;

        private Builder() {
        }

        /**
         * The pool's name, to tell pools apart in logs, messages, monitoring and
         * {@link ConnectionPool#toString()}: e.g. {@code orders} or a tenant's id. Defaults to the
         * target {@code host:port/database}. At most 100 characters, no control characters; it is
         * shown everywhere, so keep secrets out of it.
         *
         * @throws DatabaseConfigException when the name is blank, too long or holds a control character
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
                throw new DatabaseConfigException("name(...) must be 1 to " + MAX_NAME_LENGTH
                        + " characters without control characters and not blank, e.g. \"orders\"; got "
                        + (name.isBlank() ? "a blank name" : "a name of " + name.length() + " characters"));
            }
            this.name = name;
            return this;
        }

        /**
         * Hears borrows, returns, connects, timeouts, evictions and credential refreshes; see
         * {@link PoolListener}. One listener per pool; a later call replaces the earlier one.
         */
        public Builder listener(PoolListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether to register the pool with the platform MBean server, as
         * {@code io.credpool:type=ConnectionPool,name=<name>} (see {@link ConnectionPoolMXBean}),
         * so that {@code jconsole} and other JMX tools show its counts and can call
         * {@link ConnectionPool#resize(int)}, {@link ConnectionPool#evictIdle()},
         * {@link ConnectionPool#suspend()} and {@link ConnectionPool#resume()}.
         * {@link ConnectionPool#close()} unregisters it.
         * Unless called, the environment variable (or system property) {@code CREDPOOL_JMX}
         * decides: {@code true} registers, {@code false} or unset does not.
         *
         * <p>Needs the {@code java.management} module at run time, which every full JDK has. Two
         * pools registered at once need different {@link #name(String) names}: {@link #build()}
         * fails for the second.
         */
        public Builder registerMBean(boolean registerMBean) {
            this.registerMBean = registerMBean;
            return this;
        }

        /** The JDBC URL, e.g. {@code jdbc:postgresql://host:5432/db}; keep credentials out of it. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /** The database user, when credentials are given directly. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** The password, when credentials are given directly. Never shown by {@link #toString()}. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * Where credentials come from; its {@link CredentialSource#config()} supplies the URL,
         * driver properties and settings unless set here. The pool owns the source and closes it
         * when the pool closes, or when {@link #build()} fails.
         */
        public Builder credentials(CredentialSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The credential provider's name shown in error messages, e.g. {@code secret-file}; defaults to the source's class. */
        public Builder provider(String name) {
            this.provider = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Target, credentials, driver properties and settings, all at once, e.g. from {@code DatabaseUrl.parse}. */
        public Builder config(DatabaseConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** A property for the driver, e.g. {@code ApplicationName}; not {@code user} or {@code password}. */
        public Builder driverProperty(String key, String value) {
            if (key.equalsIgnoreCase("user") || key.equalsIgnoreCase("password")) {
                throw new DatabaseConfigException("driverProperty('" + key + "') is not allowed: use username(...) "
                        + "and password(...) or a CredentialSource");
            }
            driverProperties.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** All pool settings at once. */
        public Builder settings(PoolSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Most physical connections, counting ones being opened. */
        public Builder maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        /** Connections kept open when the idle timeout strikes. */
        public Builder minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        /** Longest wait in {@code getConnection()}; zero waits forever. */
        public Builder acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
            return this;
        }

        /** A connection held longer is logged with the stack of its borrow; zero turns this off. */
        public Builder leakThreshold(Duration leakThreshold) {
            this.leakThreshold = Objects.requireNonNull(leakThreshold, "leakThreshold");
            return this;
        }

        /** Idle connections above {@code minIdle} are closed after this; zero keeps them. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /** Connections are retired after this, with a little random variance; zero keeps them. */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
            return this;
        }

        /** How long {@link ConnectionPool#close()} waits for borrowed connections before aborting them. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /** The schedule for opening physical connections. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** Log SQL text at {@code DEBUG} through {@code System.Logger} {@code io.credpool}; for development only. */
        public Builder logStatements(boolean logStatements) {
            this.logStatements = logStatements;
            return this;
        }

        /**
         * Opens the first connection (under the retry policy) and returns the running pool.
         *
         * @throws SQLException            {@code Failed to connect to <host>:<port>/<db> after N attempts}
         *                                 with the last failure as its cause; at once when the
         *                                 database rejected fresh credentials; or when no driver
         *                                 accepts the URL
         * @throws DatabaseConfigException when the builder is incomplete or contradictory, or
         *                                 {@code CREDPOOL_JMX} holds neither {@code true} nor {@code false}
         * @throws IllegalStateException   when the MXBean is asked for and another pool of the same
         *                                 name is registered (give one of them another
         *                                 {@link #name(String)}), or the runtime lacks
         *                                 {@code java.management}; nothing is left running then
         */
        public ConnectionPool build() throws SQLException {
            PoolSetup config;
            MBeans mbeans;
            try {
                config = resolve();
                mbeans = (registerMBean != null ? registerMBean : Environment.process().jmx()) ? MBeans.platform() : null;
                if (mbeans != null) {
                    // Before connecting, so a clash costs no connection; checked again when registering.
                    mbeans.requireFree(config.name());
                }
            } catch (SQLException | RuntimeException | Error e) {
                if (source != null) {
                    try {
                        source.close();
                    } catch (RuntimeException ignored) {
                        // the build failure is what the caller needs to see
                    }
                }
                throw e;
            }
            Pool pool = Pool.start(config);
            if (mbeans == null) {
                return new ConnectionPool(pool, null);
            }
            try {
                return new ConnectionPool(pool, mbeans.register(config.name(), new PoolBean(pool)));
            } catch (RuntimeException | Error e) {
                pool.close();
                throw e;
            }
        }

        private PoolSetup resolve() throws SQLException {
            if (source != null && config != null) {
                throw new DatabaseConfigException("Give either credentials(CredentialSource) or config(DatabaseConfig), not both");
            }
            if (source != null && (username != null || password != null)) {
                throw new DatabaseConfigException("username/password cannot be combined with credentials(CredentialSource): "
                        + "the source supplies them");
            }
            DatabaseConfig base = source != null ? source.config() : config;
            String url = jdbcUrl != null ? jdbcUrl : base != null ? base.jdbcUrl() : null;
            if (url == null) {
                throw new DatabaseConfigException("No database given: call jdbcUrl(...), config(...) or credentials(...)");
            }
            Map<String, String> properties = new LinkedHashMap<>(base != null ? base.driverProperties() : Map.of());
            properties.putAll(driverProperties);
            Credentials credentials = base != null ? base.credentials() : Credentials.of(null, null);
            if (username != null || password != null) {
                credentials = new Credentials(username != null ? username : credentials.username(),
                        password != null ? password : credentials.password(), null);
            }
            PoolSettings s = settings != null ? settings : base != null ? base.pool() : PoolSettings.defaults();
            s = applyOverrides(s);
            // Validates the properties (no user or password smuggled in) the same way everywhere.
            DatabaseConfig resolved = new DatabaseConfig(url, credentials, properties, s);
            CredentialSource src = source != null ? source : new StaticCredentialSource(resolved);
            String name = provider != null ? provider
                    : source != null ? source.getClass().getName()
                    : config != null ? "the given DatabaseConfig" : "the ConnectionPool builder";
            String target = resolved.target();
            return new PoolSetup(url, target, driverFor(url, target), properties, s, src, name, logStatements,
                    this.name != null ? this.name : target, listener);
        }

        private PoolSettings applyOverrides(PoolSettings s) {
            if (maxSize != null) {
                s = s.withMaxSize(maxSize);
            }
            if (minIdle != null) {
                s = s.withMinIdle(minIdle);
            }
            if (acquireTimeout != null) {
                s = s.withAcquireTimeout(acquireTimeout);
            }
            if (leakThreshold != null) {
                s = s.withLeakThreshold(leakThreshold);
            }
            if (idleTimeout != null) {
                s = s.withIdleTimeout(idleTimeout);
            }
            if (maxLifetime != null) {
                s = s.withMaxLifetime(maxLifetime);
            }
            if (shutdownTimeout != null) {
                s = s.withShutdownTimeout(shutdownTimeout);
            }
            if (retry != null) {
                s = s.withRetry(retry);
            }
            return s;
        }

        private static Driver driverFor(String url, String target) throws SQLException {
            try {
                return DriverManager.getDriver(url);
            } catch (SQLException e) {
                String scheme = url.startsWith("jdbc:") && url.indexOf(':', 5) > 0
                        ? url.substring(0, url.indexOf(':', 5) + 1) : "this URL";
                throw new SQLException("No JDBC driver accepts " + scheme + " URLs (target " + target
                        + "): put the driver, e.g. org.postgresql:postgresql, on the class path or module path",
                        "08001", e);
            }
        }

        /** The settings given so far; the password is masked. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("ConnectionPool.Builder[");
            if (jdbcUrl != null) {
                b.append("jdbcUrl=").append(Redact.url(jdbcUrl)).append(", ");
            }
            if (username != null) {
                b.append("username=").append(username).append(", ");
            }
            if (password != null) {
                b.append("password=").append(Redact.MASK).append(", ");
            }
            if (source != null) {
                b.append("credentials=").append(provider != null ? provider : source.getClass().getName()).append(", ");
            }
            if (config != null) {
                b.append("config=").append(config).append(", ");
            }
            if (!driverProperties.isEmpty()) {
                b.append("driverProperties=").append(driverProperties.keySet()).append(", ");
            }
            if (settings != null) {
                b.append("settings=").append(settings).append(", ");
            }
            appendIfSet(b, "maxSize", maxSize);
            appendIfSet(b, "minIdle", minIdle);
            appendIfSet(b, "acquireTimeout", acquireTimeout);
            appendIfSet(b, "leakThreshold", leakThreshold);
            appendIfSet(b, "idleTimeout", idleTimeout);
            appendIfSet(b, "maxLifetime", maxLifetime);
            appendIfSet(b, "shutdownTimeout", shutdownTimeout);
            appendIfSet(b, "retry", retry);
            appendIfSet(b, "name", name);
            appendIfSet(b, "listener", listener == null ? null : listener.getClass().getName());
            appendIfSet(b, "registerMBean", registerMBean);
            if (b.charAt(b.length() - 1) == ' ') {
                b.setLength(b.length() - 2);
            }
            return b.append(']').toString();
        }

        private static void appendIfSet(StringBuilder b, String name, Object value) {
            if (value != null) {
                b.append(name).append('=').append(value).append(", ");
            }
        }
    }
}
