package io.credpool.testkit;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A throwaway PostgreSQL cluster for tests: its own data directory, a random loopback port and
 * password (SCRAM-SHA-256) authentication everywhere, as a production server would have.
 *
 * <p>Use {@link #shared()} for tests that only need a database, and {@link #create()} for tests
 * that stop, restart or kill the server. Every cluster is stopped and its directory deleted by
 * {@link #close()} or, at the latest, by a JVM shutdown hook; clusters left behind by a JVM that
 * was killed outright are removed by the next {@link #create()} (see {@link #reapOrphans()}).
 *
 * <p>The cluster trades durability against power loss for speed ({@code fsync = off},
 * {@code full_page_writes = off}) but keeps {@code synchronous_commit = on}, so a committed
 * transaction survives {@link #kill9()}. When the JVM runs as root the server runs in a user
 * namespace as uid 65534 (see {@code NonRootLauncher}), because PostgreSQL refuses to run as root.
 *
 * <p>Instances are thread-safe; lifecycle methods are serialized.
 */
public final class PgCluster implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 5;

    private static PgCluster shared;
    private static boolean reaped;

    private final PgBinaries binaries;
    private final ClusterDirectory dir;
    private final String superuserPassword;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread cleanupHook;
    private final List<PgBouncer> bouncers = new CopyOnWriteArrayList<>();
    private volatile Process postmaster;
    private volatile int port;
    private boolean everStarted;
    private boolean closed;

    private PgCluster(PgBinaries binaries, ClusterDirectory dir) {
        this.binaries = binaries;
        this.dir = dir;
        this.superuserPassword = randomPassword();
        this.cleanupHook = new Thread(this::cleanUpAtExit, "credpool-pg-cleanup " + dir.base().getFileName());
    }

    /**
     * The cluster shared by all tests of this JVM: created and started on first use, started
     * again if a test stopped it, stopped and deleted when the JVM exits. Do not {@link #close()} it.
     *
     * @return the running shared cluster
     */
    public static synchronized PgCluster shared() {
        if (shared == null || shared.isClosed()) {
            shared = create();
        } else if (!shared.isRunning()) {
            shared.start();
        }
        return shared;
    }

    /**
     * Creates and starts a new cluster with the binaries found by {@link PgBinaries#locate()}.
     * Close it when done (try-with-resources), or leave that to the JVM shutdown hook.
     *
     * @return the running cluster
     * @throws PgClusterException if {@code initdb} or the server fails; the message holds the log tail
     */
    public static PgCluster create() {
        return create(PgBinaries.locate());
    }

    /**
     * Like {@link #create()}, with the given server binaries.
     *
     * @param binaries where {@code initdb} and {@code postgres} are
     * @return the running cluster
     */
    public static PgCluster create(PgBinaries binaries) {
        reapOrphansOnce();
        ClusterDirectory dir;
        try {
            dir = ClusterDirectory.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a cluster directory under " + ClusterDirectory.ROOT, e);
        }
        PgCluster cluster = new PgCluster(binaries, dir);
        Runtime.getRuntime().addShutdownHook(cluster.cleanupHook);
        try {
            cluster.initdb();
            cluster.start();
            return cluster;
        } catch (RuntimeException | Error e) {
            try {
                cluster.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Stops and deletes clusters whose JVM died without cleaning up (killed with SIGKILL, for
     * instance). {@link #create()} does this once per JVM; call it to do it again.
     *
     * @return how many abandoned clusters were removed
     */
    public static int reapOrphans() {
        return OrphanReaper.reap();
    }

    private static synchronized void reapOrphansOnce() {
        if (!reaped) {
            reaped = true;
            OrphanReaper.reap();
        }
    }

    /**
     * Starts the server on {@link #port()} and waits until it accepts connections. After
     * {@link #kill9()} this runs PostgreSQL's crash recovery. Does nothing if already running.
     *
     * @throws PgClusterException if the server exits or is not ready within 60 s
     * @throws IllegalStateException if the cluster was closed
     */
    public void start() {
        lock.lock();
        try {
            requireOpen();
            if (isRunning()) {
                return;
            }
            postmaster = null;
            if (everStarted) {
                launch(false);
            } else {
                // A free port can be taken between probing and binding: only the first start may move.
                for (int attempt = 1; ; attempt++) {
                    port = freePort();
                    if (launch(attempt < PORT_ATTEMPTS)) {
                        break;
                    }
                }
                everStarted = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the server with a fast shutdown (SIGINT: open sessions are disconnected, data is
     * checkpointed). If it does not stop within 30 s, the whole process tree is killed. Does
     * nothing if not running.
     */
    public void stop() {
        lock.lock();
        try {
            Process process = postmaster;
            if (process == null) {
                return;
            }
            try {
                shutDown(process);
            } finally {
                postmaster = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the server (fast shutdown) and starts it again on the same port with the same data. */
    public void restart() {
        lock.lock();
        try {
            stop();
            start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Simulates a crash: SIGKILL to the postmaster and all its server processes at once, then
     * waits until they are gone. Clients see their connections reset; {@link #start()} recovers
     * (committed transactions are kept).
     *
     * @throws IllegalStateException if the server is not running
     */
    public void kill9() {
        lock.lock();
        try {
            Process process = postmaster;
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("the server is not running: start() it before kill9()");
            }
            postmaster = null;
            List<ProcessHandle> survivors = Signals.killTree(process.toHandle(), Duration.ofSeconds(10));
            if (!survivors.isEmpty()) {
                throw new PgClusterException("server processes survived SIGKILL: " + survivors);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the postmaster process is alive */
    public boolean isRunning() {
        Process process = postmaster;
        return process != null && process.isAlive();
    }

    /** @return the loopback TCP port; the same for the cluster's whole life, across restarts */
    public int port() {
        return port;
    }

    /**
     * @param database a database name (as is; names needing URL encoding are not supported)
     * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, with no credentials
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return the superuser's name, {@code postgres} */
    public String superuser() {
        return SUPERUSER;
    }

    /** @return the superuser's random password, fixed for the cluster's life */
    public String superuserPassword() {
        return superuserPassword;
    }

    /**
     * @return the operating-system pid of the running postmaster
     * @throws IllegalStateException if the server is not running
     */
    public long postmasterPid() {
        Process process = postmaster;
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the server is not running");
        }
        return process.pid();
    }

    /** @return the data directory; deleted by {@link #close()} */
    public Path dataDirectory() {
        return dir.data();
    }

    /** @return the file receiving the server's output; deleted by {@link #close()} */
    public Path logFile() {
        return dir.serverLog();
    }

    /**
     * Opens a new connection to database {@code postgres} as the superuser, with pgjdbc directly
     * (not through {@code DriverManager}, so stub drivers on the class path cannot intercept it).
     *
     * @return a new connection; the caller closes it
     * @throws SQLException if the server refuses it
     */
    public Connection superuserConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", superuserPassword);
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "credpool-testkit");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl("postgres"), props);
        if (connection == null) {
            throw new SQLException("pgjdbc did not accept " + jdbcUrl("postgres"));
        }
        return connection;
    }

    /**
     * Creates a role that can log in with {@code password} (stored as a SCRAM-SHA-256 verifier).
     *
     * @param name     role name, used verbatim (case is kept)
     * @param password any text without NUL: quotes, backslashes and Unicode are fine
     */
    public void createRole(String name, String password) {
        execute("CREATE ROLE " + SqlText.identifier(name) + " LOGIN PASSWORD " + SqlText.literal(password),
                "CREATE ROLE " + name);
    }

    /**
     * Changes a role's password ({@code ALTER ROLE ... PASSWORD}). New connections need the new
     * password; sessions already open are not affected.
     *
     * @param role        role name, used verbatim
     * @param newPassword any text without NUL
     */
    public void changePassword(String role, String newPassword) {
        execute("ALTER ROLE " + SqlText.identifier(role) + " PASSWORD " + SqlText.literal(newPassword),
                "ALTER ROLE " + role + " PASSWORD");
    }

    /**
     * @param name  database name, used verbatim
     * @param owner an existing role that will own it
     */
    public void createDatabase(String name, String owner) {
        execute("CREATE DATABASE " + SqlText.identifier(name) + " OWNER " + SqlText.identifier(owner),
                "CREATE DATABASE " + name);
    }

    /**
     * @param role role name
     * @return how many client sessions of {@code role} the server has right now (from {@code pg_stat_activity})
     */
    public int countBackends(String role) {
        String sql = "SELECT count(*) FROM pg_stat_activity"
                + " WHERE usename = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()";
        try (Connection connection = superuserConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new PgClusterException("cannot count the sessions of role " + role + ": " + e.getMessage(), e);
        }
    }

    /**
     * Terminates every client session of {@code role} ({@code pg_terminate_backend}, SQLState
     * {@code 57P01} for its clients) and waits up to 10 s until the server has none left.
     *
     * @param role role name
     * @return how many sessions were signalled
     */
    public int terminateBackends(String role) {
        String sql = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE usename = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()";
        int signalled = 0;
        try (Connection connection = superuserConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    signalled += rows.getBoolean(1) ? 1 : 0;
                }
            }
        } catch (SQLException e) {
            throw new PgClusterException("cannot terminate the sessions of role " + role + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (countBackends(role) > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new PgClusterException("sessions of role " + role + " still exist 10 s after pg_terminate_backend");
            }
            pause(20);
        }
        return signalled;
    }

    /**
     * Starts a {@link PgBouncer} in transaction mode in front of this cluster, on a random loopback
     * port, for {@code roles} (created before with {@link #createRole}). It is stopped by
     * {@link #close()}; a later password change needs {@link PgBouncer#restart()} to reach its auth file.
     *
     * @param serverPoolSize most server connections PgBouncer opens per role and database ({@code default_pool_size})
     * @param roles          the roles that log in through it
     * @return the running PgBouncer
     * @throws PgClusterException if PgBouncer is not installed or does not start; the message says which
     */
    public PgBouncer pgBouncer(int serverPoolSize, String... roles) {
        lock.lock();
        try {
            requireOpen();
            Path home = dir.bouncer(bouncers.size() + 1);
            try {
                Files.createDirectory(home);
            } catch (IOException e) {
                throw new PgClusterException("cannot create " + home + ": " + e.getMessage(), e);
            }
            PgBouncer bouncer = new PgBouncer(this, home, serverPoolSize, List.of(roles));
            bouncers.add(bouncer);
            bouncer.start();
            return bouncer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the server (killing the process tree if it does not stop) and deletes the cluster's
     * directory. Idempotent; the cluster cannot be started again.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                for (PgBouncer bouncer : bouncers) {
                    bouncer.close();
                }
                stop();
            } finally {
                Trees.deleteQuietly(dir.base());
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanupHook);
                } catch (IllegalStateException shuttingDown) {
                    // called from the hook itself, or during shutdown: nothing to unregister
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the cluster's data directory and port, for test failure messages */
    @Override
    public String toString() {
        return "PgCluster[port=" + port + ", data=" + dir.data() + (isRunning() ? ", running" : ", stopped") + "]";
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this PgCluster was closed; create() a new one");
        }
    }

    private void cleanUpAtExit() {
        try {
            if (lock.tryLock(5, TimeUnit.SECONDS)) {
                try {
                    close();
                    return;
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Some thread is stuck inside a lifecycle method: clean up without the lock.
        for (PgBouncer bouncer : bouncers) {
            Process running = bouncer.process();
            if (running != null) {
                Signals.killTree(running.toHandle(), Duration.ofSeconds(10));
            }
        }
        Process process = postmaster;
        if (process != null) {
            Signals.killTree(process.toHandle(), Duration.ofSeconds(10));
        }
        Trees.deleteQuietly(dir.base());
    }

    private void initdb() {
        Path pwfile = dir.base().resolve("pwfile");
        try {
            Files.writeString(pwfile, superuserPassword + "\n", StandardCharsets.UTF_8);
            List<String> command = List.of(binaries.initdb().toString(),
                    "--pgdata=" + dir.data(),
                    "--username=" + SUPERUSER,
                    "--pwfile=" + pwfile,
                    "--auth=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync");
            Process initdb = processBuilder(command, dir.initdbLog()).start();
            if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
                Signals.killTree(initdb.toHandle(), Duration.ofSeconds(10));
                throw new PgClusterException("initdb did not finish within 120 s" + logTail(dir.initdbLog(), 0));
            }
            if (initdb.exitValue() != 0) {
                throw new PgClusterException("initdb failed (exit " + initdb.exitValue() + ")" + logTail(dir.initdbLog(), 0));
            }
            configure();
        } catch (IOException e) {
            throw new PgClusterException("cannot initialize a cluster in " + dir.data() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgClusterException("interrupted while running initdb", e);
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException ignored) {
                // the whole directory goes away with close()
            }
        }
    }

    private void configure() throws IOException {
        String settings = String.join("\n",
                "",
                "# credpool testkit: a throwaway cluster, tuned for speed.",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = " + SqlText.literal(dir.socketDir().toString()),
                "max_connections = 200",
                "shared_buffers = 32MB",
                "password_encryption = 'scram-sha-256'",
                "standard_conforming_strings = on",
                // No fsync: survives a killed server (the OS keeps the writes), not a lost machine.
                "fsync = off",
                "full_page_writes = off",
                // Kept on so that a committed transaction is in the WAL before the client hears of it.
                "synchronous_commit = on",
                "wal_level = minimal",
                "max_wal_senders = 0",
                "autovacuum = off",
                "logging_collector = off",
                "lc_messages = 'C'",
                "timezone = 'UTC'",
                "log_timezone = 'UTC'",
                "log_line_prefix = '%m [%p] %q%u@%d '",
                "");
        Files.writeString(dir.data().resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.data().resolve("pg_hba.conf"), String.join("\n",
                "# credpool testkit: every connection authenticates with a SCRAM-SHA-256 password; no trust.",
                "local all all scram-sha-256",
                "host  all all 127.0.0.1/32 scram-sha-256",
                ""), StandardCharsets.UTF_8);
    }

    /**
     * Starts the postmaster on {@link #port} and waits until it is ready.
     *
     * @param mayRetryOnBindFailure whether a failure to bind the port should return false instead of throwing
     * @return true once the server accepts connections; false if the port was taken and a retry is allowed
     */
    private boolean launch(boolean mayRetryOnBindFailure) {
        long logOffset = logSize();
        List<String> command = List.of(binaries.postgres().toString(), "-D", dir.data().toString(), "-p", Integer.toString(port));
        Process process;
        try {
            process = processBuilder(command, dir.serverLog()).start();
        } catch (IOException e) {
            throw new PgClusterException("cannot run " + binaries.postgres() + ": " + e.getMessage(), e);
        }
        postmaster = process;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                postmaster = null;
                String tail = logTail(dir.serverLog(), logOffset);
                if (mayRetryOnBindFailure && (tail.contains("could not bind") || tail.contains("Address already in use"))) {
                    return false;
                }
                throw new PgClusterException("PostgreSQL exited during startup (exit " + process.exitValue()
                        + ", port " + port + ")" + tail);
            }
            if (isReady(process.pid())) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                postmaster = null;
                Signals.killTree(process.toHandle(), Duration.ofSeconds(10));
                throw new PgClusterException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds()
                        + " s on port " + port + logTail(dir.serverLog(), logOffset));
            }
            pause(20);
        }
    }

    /** Ready: the postmaster.pid of this very process says "ready" and the TCP port answers. */
    private boolean isReady(long pid) {
        try {
            List<String> lines = Files.readAllLines(dir.data().resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.size() < 8 || !lines.get(0).trim().equals(Long.toString(pid)) || !lines.get(7).trim().equals("ready")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void shutDown(Process process) {
        if (!process.isAlive()) {
            return;
        }
        Signals.send(process.pid(), "INT"); // fast shutdown; SIGTERM (Process.destroy) would wait for clients
        try {
            if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> survivors = Signals.killTree(process.toHandle(), Duration.ofSeconds(10));
        if (!survivors.isEmpty()) {
            throw new PgClusterException("PostgreSQL (pid " + process.pid() + ") did not stop and survived SIGKILL: " + survivors);
        }
    }

    /** @param what the statement without secrets, for the error message */
    private void execute(String sql, String what) {
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false); // the text is final SQL: no JDBC {escape} rewriting
            statement.execute(sql);
        } catch (SQLException e) {
            throw new PgClusterException(what + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private ProcessBuilder processBuilder(List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(NonRootLauncher.wrap(command))
                .directory(dir.base().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())); // a file, never a pipe nobody drains
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG")); // PGDATA, PGPORT, PGHOST ... must not steer the server
        env.put("LC_ALL", "C");
        return builder;
    }

    private long logSize() {
        try {
            return Files.exists(dir.serverLog()) ? Files.size(dir.serverLog()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String logTail(Path log, long fromOffset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(fromOffset, file.length() - 8192);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
            return "; " + log.getFileName() + " ends with:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "; no log at " + log;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgClusterException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
