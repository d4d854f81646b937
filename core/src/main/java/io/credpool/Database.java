package io.credpool;

import io.credpool.internal.provider.ProviderSelector;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The entry points most applications need: one process-wide pool configured by the environment,
 * and one-liners for pools of your own.
 *
 * <pre>{@code
 * // A service, a Lambda handler, a script: the pool DATABASE_URL, .env or AWS describes.
 * try (Connection c = Database.shared().getConnection()) { ... }
 *
 * // A script that must leave nothing behind.
 * try { seed(Database.shared()); } finally { Database.disconnect(); }
 *
 * // jshell, a test, a tool: a pool of your own, closed by you.
 * try (ConnectionPool pool = Database.open("postgresql://app:secret@localhost:5432/app")) { ... }
 * }</pre>
 *
 * <p><b>The shared pool</b> is built on the first call to {@link #shared()} or
 * {@link #sharedAsync()}, from {@link Environment#system()}: the provider is chosen as
 * {@code CredentialProvider} describes, and SQL text is logged at {@code DEBUG} outside
 * production. However many threads ask at once, one pool is built; they all wait for it and
 * get the same instance (or the same failure). A failed build is not remembered: the next call
 * tries again, so a service that starts before its database recovers by itself. The shared pool
 * is closed gracefully by a JVM shutdown hook, or earlier by {@link #disconnect()}; do not close
 * it yourself.
 *
 * <p><b>Pools from {@link #open(String)} and {@link #open(Environment)}</b> are yours: each call
 * builds a new one, and nothing closes it but you (no shutdown hook).
 *
 * <p>Everything is logged through {@code System.Logger} {@code io.credpool}: the detected mode,
 * the chosen provider and why, the target as {@code host:port/database}, and
 * {@code Database connection established successfully}. Never a password.
 */
public final class Database {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** The shared pool with its shutdown hook. */
    private record Shared(ConnectionPool pool, Thread hook) {
    }

    /** The shared pool, being built or built; {@code null} before the first call and after {@link #disconnect()}. */
    private static final AtomicReference<CompletableFuture<Shared>> SHARED = new AtomicReference<>();

    private Database() {
    }

    /**
     * The process-wide pool, built from {@link Environment#system()} on the first call.
     *
     * <p>Thread-safe without locks held while connecting: concurrent first callers wait for the
     * one build (under the pool's {@link RetryPolicy}, by default three attempts over about 3 s)
     * and share its result. Once built, a call costs one volatile read.
     *
     * @return the shared pool; do not close it, call {@link #disconnect()}
     * @throws DatabaseConfigException when the environment configures no database, or badly
     * @throws SQLException            when the credentials cannot be had ({@link CredentialException})
     *                                 or every connection attempt failed; the next call tries again
     */
    public static ConnectionPool shared() throws SQLException {
        return shared(Environment::system);
    }

    /** {@link #shared()} with another environment for the build; the seam tests use. */
    static ConnectionPool shared(Supplier<Environment> environment) throws SQLException {
        CompletableFuture<Shared> f = SHARED.get();
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            return f.join().pool();
        }
        return await(claim(environment, false));
    }

    /**
     * The shared pool without blocking the caller: a build that has not started runs on a daemon
     * thread named {@code credpool-shared-init}; one already running or done is joined. The
     * future fails with what {@link #shared()} would throw (wrapped in a
     * {@link java.util.concurrent.CompletionException} by {@code join()}). Completing or
     * cancelling the returned future has no effect on the shared pool.
     */
    public static CompletableFuture<ConnectionPool> sharedAsync() {
        return sharedAsync(Environment::system);
    }

    /** {@link #sharedAsync()} with another environment for the build; the seam tests use. */
    static CompletableFuture<ConnectionPool> sharedAsync(Supplier<Environment> environment) {
        return claim(environment, true).thenApply(Shared::pool);
    }

    /**
     * Closes the shared pool gracefully (see {@link ConnectionPool#close()}) and removes its
     * shutdown hook; a build in progress is waited for and its pool closed. A later
     * {@link #shared()} builds a new pool. Does nothing when there is no shared pool, so calling it
     * twice, or from a {@code finally} block of a script that failed to connect, is fine.
     */
    public static void disconnect() {
        CompletableFuture<Shared> f = SHARED.getAndSet(null);
        if (f == null) {
            return;
        }
        Shared shared;
        try {
            shared = f.join();
        } catch (RuntimeException failedBuild) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shared.hook());
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; closing twice is harmless
        }
        shared.pool().close();
    }

    /**
     * A new pool for {@code url}, a Prisma-style {@code postgresql://user:password@host:port/db?...}
     * or a {@code jdbc:postgresql:} URL (see {@link DatabaseUrl} for the parameters). The URL is
     * the whole configuration: no {@code DATABASE_<KEY>} variable and no {@code .env} is read.
     * SQL text is logged at {@code DEBUG} unless the process runs in production
     * ({@link Environment#system()}{@code .mode()}); it is registered with JMX when the process
     * sets {@code CREDPOOL_JMX=true} ({@link ConnectionPool.Builder#registerMBean(boolean)}).
     *
     * @return a running pool; close it when done
     * @throws DatabaseConfigException when the URL is malformed (the message never holds it)
     * @throws SQLException            when every connection attempt failed
     */
    public static ConnectionPool open(String url) throws SQLException {
        DatabaseConfig config = DatabaseUrl.parse(Objects.requireNonNull(url, "url"));
        LOG.log(Level.INFO, "Opening a connection pool to " + describe(config) + " from a URL");
        return ConnectionPool.builder().config(config).provider("a database URL")
                .logStatements(!inProduction()).build();
    }

    /**
     * A new pool configured by {@code env}, chosen exactly as {@link #shared()} chooses: the
     * credential provider that {@code env} configures opens a credential source, and the pool
     * takes its target, driver properties and settings from it. SQL text is logged at
     * {@code DEBUG} unless {@code env} is in production. {@code CREDPOOL_JMX=true} in {@code env}
     * registers the pool with JMX ({@link ConnectionPool.Builder#registerMBean(boolean)}).
     *
     * <pre>{@code
     * ConnectionPool pool = Database.open(Environment.of(Map.of("DATABASE_URL", url)));
     * }</pre>
     *
     * @return a running pool; close it when done
     * @throws DatabaseConfigException when {@code env} configures no database, or badly
     * @throws SQLException            when the credentials cannot be had or every connection attempt failed
     */
    public static ConnectionPool open(Environment env) throws SQLException {
        return open(env, builder -> { });
    }

    /**
     * {@link #open(Environment)}, with {@code customizer} given the builder just before it builds:
     * for what an environment cannot say, such as a {@link ConnectionPool.Builder#listener
     * listener} or a {@link ConnectionPool.Builder#name name}, or settings that must win over the
     * environment's (single-setting builder methods win over the source's settings). Framework
     * integrations use it, e.g. the Spring Boot starter for its metrics listener and
     * {@code credpool.*} properties. The builder already holds the credential source, so the
     * customizer must not call {@code jdbcUrl}, {@code username}, {@code password},
     * {@code config} or {@code credentials} (the build fails if it does).
     *
     * <pre>{@code
     * ConnectionPool pool = Database.open(env, b -> b.name("orders").listener(metrics));
     * }</pre>
     *
     * @return a running pool; close it when done
     * @throws DatabaseConfigException when {@code env} configures no database, or badly
     * @throws SQLException            when the credentials cannot be had or every connection attempt failed
     */
    public static ConnectionPool open(Environment env, Consumer<? super ConnectionPool.Builder> customizer)
            throws SQLException {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(customizer, "customizer");
        boolean jmx = env.jmx();
        CredentialProvider provider = ProviderSelector.select(env);
        CredentialSource source = provider.open(env);
        DatabaseConfig config;
        try {
            config = source.config();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        LOG.log(Level.INFO, "Opening a connection pool to " + describe(config) + " with credentials from "
                + provider.name());
        ConnectionPool.Builder builder = ConnectionPool.builder().credentials(source).provider(provider.name())
                .logStatements(env.mode() != Environment.Mode.PRODUCTION).registerMBean(jmx);
        try {
            customizer.accept(builder);
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
        return builder.build();
    }

    /** The future of the shared pool: the current one, or a new one built here or on a daemon thread. */
    private static CompletableFuture<Shared> claim(Supplier<Environment> environment, boolean async) {
        for (;;) {
            CompletableFuture<Shared> current = SHARED.get();
            if (current != null) {
                return current;
            }
            CompletableFuture<Shared> mine = new CompletableFuture<>();
            if (!SHARED.compareAndSet(null, mine)) {
                continue;
            }
            if (async) {
                Thread t = new Thread(() -> build(mine, environment), "credpool-shared-init");
                t.setDaemon(true);
                t.start();
            } else {
                build(mine, environment);
            }
            return mine;
        }
    }

    private static void build(CompletableFuture<Shared> future, Supplier<Environment> environment) {
        try {
            ConnectionPool pool = open(environment.get());
            Thread hook = new Thread(pool::close, "credpool-shutdown");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                pool.close();
                throw shuttingDown;
            }
            future.complete(new Shared(pool, hook));
        } catch (Throwable e) {
            // Forget the failure before reporting it: the next call builds again.
            SHARED.compareAndSet(future, null);
            future.completeExceptionally(e);
        }
    }

    private static ConnectionPool await(CompletableFuture<Shared> f) throws SQLException {
        try {
            return f.get().pool();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the shared connection pool", "08001", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new SQLException("Building the shared connection pool failed", "08001", cause);
        }
    }

    /** {@code host:port/db as user (max N connections)}: no secret. */
    private static String describe(DatabaseConfig config) {
        String user = config.credentials().username();
        return config.target() + (user == null ? "" : " as " + user)
                + " (max " + config.pool().maxSize() + " connections)";
    }

    /** Whether the process's own variables (not {@code .env}, which is never read in production) say production; a bad mode counts as production. */
    private static boolean inProduction() {
        try {
            return Environment.process().mode() == Environment.Mode.PRODUCTION;
        } catch (DatabaseConfigException badMode) {
            return true;
        }
    }
}
