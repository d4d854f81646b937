package io.credpool.cli;

import io.credpool.ConnectionPool;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.PoolHealth;
import io.credpool.PoolListener;
import io.credpool.PoolSettings;
import io.credpool.RetryPolicy;
import io.credpool.internal.config.Redact;
import io.credpool.internal.pool.SqlStates;
import io.credpool.internal.pool.StartFailure;
import io.credpool.internal.provider.ProviderSelector;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The diagnostics command: shows how credpool reads this environment and tries to connect, step
 * by step, as the shared pool would.
 *
 * <pre>
 * java -p &lt;credpool, driver and provider JARs&gt; -m io.credpool/io.credpool.cli.Doctor
 * </pre>
 *
 * Prints the detected mode and why, every provider found and whether it is configured, the one
 * selected and why, the target, each attempt of the pool's start with its backoff (heard through
 * the pool's {@link PoolListener}: one pool, started under its {@link RetryPolicy}), then the
 * server version, round-trip latency, pool stats and {@link ConnectionPool#health()}. What
 * credpool logs meanwhile becomes {@code info:} / {@code warning:} lines of the report (see
 * {@link LogFold}). Never prints a password, token or secret value.
 *
 * <p>Exit status: {@code 0} connected; {@code 1} the credentials could not be had, the database
 * rejected them, or the last attempt failed; {@code 2} the configuration is wrong (nothing
 * configured, an unknown provider, a malformed URL or value).
 */
public final class Doctor {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int CONFIGURATION_ERROR = 2;

    private static final int ROUND_TRIPS = 10;

    private final PrintStream out;
    private final LogFold logs;
    private final List<String> secrets = new ArrayList<>();

    private Doctor(PrintStream out, LogFold logs) {
        this.out = out;
        this.logs = logs;
    }

    /** Runs the diagnosis on {@link Environment#system()} and exits with its status. */
    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("Usage: java -p <jars> -m io.credpool/io.credpool.cli.Doctor");
            System.out.println("Reads DATABASE_URL, DATABASE_SECRET_FILE, AWS_SECRET_NAME, CREDPOOL_PROVIDER, APP_ENV and .env"
                    + " like Database.shared(). Exit status: 0 connected, 1 connection failed, 2 configuration error.");
            System.exit(args[0].equals("--help") || args[0].equals("-h") ? OK : CONFIGURATION_ERROR);
        }
        int status = run(Environment::system, System.out);
        System.out.flush();
        System.exit(status);
    }

    /** The diagnosis of {@code env}, written to {@code out}; returns the exit status. */
    static int run(Environment env, PrintStream out) {
        return run(() -> env, out);
    }

    /**
     * The diagnosis of the environment {@code env} reads (inside, so that what reading it logs,
     * e.g. about {@code .env}, is part of the report), written to {@code out}. The
     * {@code io.credpool} log records of the run become report lines; the logging setup is
     * restored afterwards.
     */
    static int run(Supplier<Environment> env, PrintStream out) {
        try (LogFold logs = new LogFold()) {
            Doctor doctor = new Doctor(out, logs);
            int status;
            try {
                status = doctor.diagnose(env.get());
            } catch (DatabaseConfigException e) {
                doctor.line("configuration error", e.getMessage());
                status = CONFIGURATION_ERROR;
            }
            doctor.line("", null);
            return status;
        }
    }

    private int diagnose(Environment env) {
        CredentialSource source;
        CredentialProvider provider;
        try {
            Environment.ModeReason mode = env.modeWithReason();
            line("mode", mode.mode() + " (" + mode.reason() + ")");
            List<CredentialProvider> found = ProviderSelector.discover();
            if (found.isEmpty()) {
                line("providers", "none found");
            }
            String label = "providers";
            for (CredentialProvider p : found) {
                line(label, p.name() + " (priority " + p.priority() + "): "
                        + (p.isConfigured(env) ? "configured" : "not configured, needs " + p.requirement()));
                label = "";
            }
            ProviderSelector.Choice choice = ProviderSelector.choose(env, found);
            provider = choice.provider();
            line("selected", provider.name() + " (" + choice.reason() + ")");
            source = provider.open(env);
        } catch (DatabaseConfigException e) {
            line("configuration error", e.getMessage());
            return CONFIGURATION_ERROR;
        } catch (SQLException e) {
            line("credentials", "FAILED: " + e.getMessage());
            return FAILED;
        }
        try (source) {
            return connect(source, provider.name());
        } catch (DatabaseConfigException e) {
            line("configuration error", e.getMessage());
            return CONFIGURATION_ERROR;
        }
    }

    private int connect(CredentialSource source, String provider) {
        DatabaseConfig config = source.config();
        try {
            Credentials credentials = source.credentials();
            remember(credentials == null ? null : credentials.password());
            config.driverProperties().forEach((k, v) -> {
                if (Redact.isSecretName(k)) {
                    remember(v);
                }
            });
            line("target", config.target() + (credentials == null || credentials.username() == null ? ""
                    : " as " + credentials.username()) + (credentials == null || credentials.password() == null
                    ? ", no password" : ", password " + Redact.MASK));
        } catch (SQLException e) {
            line("credentials", "FAILED: " + e.getMessage());
            return FAILED;
        }
        PoolSettings settings = config.pool();
        RetryPolicy retry = settings.retry();
        line("pool", "max " + settings.maxSize() + " connections, acquire timeout " + seconds(settings.acquireTimeout())
                + ", connect timeout " + seconds(settings.connectTimeout()) + ", " + retry.maxAttempts()
                + (retry.maxAttempts() == 1 ? " attempt" : " attempts"));
        int max = retry.maxAttempts();
        // One pool, started under the policy: the listener reports each attempt as it happens.
        Attempts attempts = new Attempts(retry);
        ConnectionPool pool;
        // The pool's own records of its start say what the attempt lines say.
        logs.dropping(true);
        try {
            pool = ConnectionPool.builder().credentials(new Borrowed(source)).provider(provider)
                    .listener(attempts).build();
        } catch (SQLException e) {
            attempts.starting = false;
            logs.dropping(false);
            if (Thread.currentThread().isInterrupted()) {
                line("interrupted", "gave up");
            } else if (e instanceof StartFailure) {
                line("result", "FAILED: could not connect to " + config.target() + " after " + max
                        + (max == 1 ? " attempt" : " attempts"));
            } else if (!SqlStates.isAuthenticationFailure(e)) {
                line("result", "FAILED: " + reason(e));
            }
            return FAILED;
        } finally {
            attempts.starting = false;
            logs.dropping(false);
        }
        int status;
        try (pool) {
            status = probe(pool);
        }
        line("result", status == OK ? "OK" : "FAILED");
        return status;
    }

    /** The pool's start, attempt by attempt, as report lines; later connects are not the report's business. */
    private final class Attempts implements PoolListener {
        private final RetryPolicy retry;
        /** Written and read on the diagnosing thread: the pool's start runs on its caller's thread. */
        private boolean starting = true;
        private int failures;

        Attempts(RetryPolicy retry) {
            this.retry = retry;
        }

        private String label(int attempt) {
            return "attempt " + attempt + "/" + retry.maxAttempts();
        }

        @Override
        public void connected(Duration took) {
            if (starting) {
                line(label(failures + 1), "connected in " + millis(took.toNanos()));
            }
        }

        @Override
        public void connectFailed(SQLException cause, int attempt) {
            if (!starting) {
                return;
            }
            failures = attempt;
            String reason = reason(cause);
            if (SqlStates.isAuthenticationFailure(cause)) {
                line(label(attempt), "failed: " + reason + "; not retrying: the database rejected the credentials");
            } else if (attempt >= retry.maxAttempts()) {
                line(label(attempt), "failed: " + reason);
            } else {
                // The pool draws the jitter itself: without jitter the wait is exact, with it this is its upper bound.
                long delay = retry.delayBefore(attempt + 1).toMillis();
                line(label(attempt), "failed: " + reason + "; retrying in " + (retry.jitter() == 0.0 ? "" : "up to ")
                        + delay + " ms");
            }
        }
    }

    /** Server version, round trips and stats through a connected pool. */
    private int probe(ConnectionPool pool) {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            line("server", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            long[] trips = new long[ROUND_TRIPS];
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < trips.length; i++) {
                    long start = System.nanoTime();
                    try (ResultSet r = s.executeQuery("SELECT 1")) {
                        r.next();
                    }
                    trips[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(trips);
            line("latency", "SELECT 1 round trip: min " + millis(trips[0]) + ", median " + millis(trips[trips.length / 2])
                    + ", max " + millis(trips[trips.length - 1]) + " over " + trips.length + " queries");
        } catch (SQLException e) {
            line("query", "FAILED: " + reason(e));
            return FAILED;
        }
        line("stats", pool.stats().toString());
        PoolHealth health = pool.health();
        line("health", health.status() + " (" + health.detail() + ")"
                + (health.lastError() == null ? "" : ", last error: " + health.lastError()));
        return OK;
    }

    /** A failure's message on one line. */
    private static String reason(SQLException t) {
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        String line = message.replaceAll("\\s+", " ").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String seconds(java.time.Duration d) {
        return d.isZero() ? "none" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private void remember(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /**
     * One {@code label: text} line, masked by {@link Redact#text} with every secret this diagnosis
     * has seen, after the log records captured since the last line. A null text prints only those.
     */
    private void line(String label, String text) {
        for (LogFold.Entry e : logs.drain()) {
            print(e.level(), e.message());
        }
        if (text != null) {
            print(label, text);
        }
    }

    private void print(String label, String text) {
        String s = Redact.text(text, secrets.toArray(new String[0]));
        out.println(label.isEmpty() ? " ".repeat(13) + s : String.format(Locale.ROOT, "%-12s %s", label + ":", s));
    }

    /** The diagnosis's source lent to one attempt's pool, which would otherwise close it when the attempt fails. */
    private static final class Borrowed implements CredentialSource {
        private final CredentialSource source;

        Borrowed(CredentialSource source) {
            this.source = source;
        }

        @Override
        public DatabaseConfig config() {
            return source.config();
        }

        @Override
        public Credentials credentials() throws SQLException {
            return source.credentials();
        }

        @Override
        public void invalidate() {
            source.invalidate();
        }

        @Override
        public void invalidate(Credentials rejected) {
            source.invalidate(rejected);
        }

        @Override
        public void forget() {
            source.forget();
        }
    }
}
